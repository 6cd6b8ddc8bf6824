// Choosing the language of messages: `--lang zh|en`, else the environment.
#pragma once

#include <optional>
#include <string_view>

#include "diag/localized.h"

namespace fides {

// "zh" or "en"; nullopt for anything else.
std::optional<Lang> parse_lang(std::string_view name);

// The language the locale asks for, as POSIX orders the variables: the first
// of LC_ALL, LC_MESSAGES and LANG that is set and not empty decides; a value
// starting with "zh" (zh_CN.UTF-8, zh_TW, …) means Chinese, anything else English.
Lang lang_from_environment();
// The same decision over given values (nullptr for an unset variable).
Lang lang_from_locale(const char* lc_all, const char* lc_messages, const char* lang);

}  // namespace fides
