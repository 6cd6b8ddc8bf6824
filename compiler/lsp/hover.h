// What a hover shows: a symbol's kind, name, type and owner, then where it is
// declared with the declaration's line; for a built-in function or an
// aggregate, its rows of the language reference.
#pragma once

#include <string>
#include <string_view>

#include "diag/localized.h"
#include "lsp/symbol.h"

namespace fides::lsp {

// The first line, as code: `field 金额: money (FeeLine)`, in Chinese `字段 金额: money (FeeLine)`.
std::string symbol_line(const Symbol& s, Lang lang);

// The hover's Markdown. `reference` is the language reference in `lang`.
std::string hover_markdown(const Analysis& a, const Symbol& s, Lang lang, std::string_view reference);

}  // namespace fides::lsp
