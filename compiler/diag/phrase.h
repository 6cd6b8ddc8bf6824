// The registry of diagnostic texts other than messages (phrases.def): help
// lines, notes, and phrases messages take as arguments, each in every language.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diag/localized.h"

namespace fides {

enum class Phrase : uint16_t {
#define PHRASE(name, en, zh) name,
#include "diag/phrases.def"
#undef PHRASE
  count_
};

std::string_view phrase_name(Phrase p);
std::string_view phrase_format(Phrase p, Lang lang);
size_t phrase_count();

// The phrase with its arguments, in every language.
template <class... Args>
Localized say(Phrase p, const Args&... args) {
  return format_localized(phrase_format(p, Lang::en), phrase_format(p, Lang::zh), args...);
}

// "a, b or c" in English, "a、b 或 c" in Chinese; with `more`, "a, b, …".
Localized join_alternatives(const std::vector<Localized>& items, bool more = false);
// "'a', 'b'" in English, "'a'、'b'" in Chinese.
Localized quoted_list(const std::vector<std::string>& names);

}  // namespace fides
