// The canonical layout of a .fides file (docs/language.md, "Layout"), from
// its tokens as the syntax phase hands them out. Only the space between
// tokens changes: every token, comments included, is kept as written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "syntax/source_tokens.h"

namespace fides::format {

// `tokens` are every token of `text` in order, with their roles
// (syntax::parse_file). The layout is canonical only for a file that parsed
// without errors; any other token list still keeps every token, in order.
std::string lay_out(std::string_view text, const std::vector<syntax::SourceToken>& tokens);

// A comment as the layout writes it: without the spaces and tabs at its end.
std::string_view comment_text(std::string_view comment);

}  // namespace fides::format
