#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "diag/localized.h"

namespace fides::driver {

// The entry of diagnostic `code` (such as "E0104") in a Markdown reference: from
// its heading line `### E0104 …` up to the next heading of level 1–3 outside a
// fenced code block. nullopt when the reference has no such heading.
std::optional<std::string_view> reference_entry(std::string_view reference, std::string_view code);

// The language reference embedded in `fides`: docs/language.md, or
// docs/language.zh.md for Chinese.
std::string_view language_reference(Lang lang);

// `fides explain [--lang zh|en] E0xxx`: prints that code's entry of the language
// reference (docs/language.md, or docs/language.zh.md in Chinese, embedded at
// build time). Exit 0, or 2 for an unknown code.
int run_explain(const std::vector<std::string_view>& args);

}  // namespace fides::driver
