// Entries of the language reference (docs/language.md, or docs/language.zh.md
// in Chinese, embedded in `fides`) that a hover shows: the table rows that
// document a built-in function or an aggregate.
#pragma once

#include <string>
#include <string_view>

namespace fides::lsp {

// Every row of the reference's tables whose first cell shows a call of
// `name` (`` `substr(t: text, …)` ``), under the heading of its section and
// its table's header, as Markdown. When no table has such a row, the first
// paragraph of a section whose heading names it in backticks (`### Sampling:
// `uniform``); "" when there is neither. Fenced code blocks are skipped.
std::string reference_rows(std::string_view reference, std::string_view name);

}  // namespace fides::lsp
