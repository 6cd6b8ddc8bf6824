// `fides fmt` for one file's text: parse it with the syntax phase, lay it out,
// and check that the result holds the same tokens with the same roles.
#pragma once

#include <optional>
#include <string>

#include "diag/localized.h"

namespace fides::format {

struct FormatOutcome {
  std::optional<std::string> text;  // the file in the canonical layout
  std::string errors;               // why not: diagnostics with file:line:column, when text is empty
  bool layout_bug = false;          // the file parsed, but its layout would have changed its tokens
};

// `path` names the file in diagnostics only; nothing is read or written.
// Syntax errors are rendered in `lang`.
FormatOutcome format_source(const std::string& path, std::string text, Lang lang = Lang::en);

}  // namespace fides::format
