#include <string>

#include "format/format_source.h"
#include "sema/check.h"
#include "syntax/parse_file.h"
#include "targets.h"

namespace fides::fuzz {

std::string check_front_end(const uint8_t* data, size_t size) {
  SourceManager sm;
  FileId file = sm.add("fuzz.fides", std::string(reinterpret_cast<const char*>(data), size));
  ast::Module module;
  Diagnostics diags;
  module.files.push_back(syntax::parse_file(file, sm, module, diags));
  auto program = sema::check(module, sm, diags);
  // Rendering walks every span back into the text, so it is fuzzed too.
  for (const Diagnostic& d : diags.sorted()) {
    render_text(d, sm);
    render_json(d, sm);
  }
  // fmt lays out whatever parses, keeps its tokens (format_source checks
  // that itself) and is idempotent.
  std::string text(reinterpret_cast<const char*>(data), size);
  format::FormatOutcome once = format::format_source("fuzz.fides", text);
  if (once.text) {
    format::FormatOutcome twice = format::format_source("fuzz.fides", *once.text);
    if (!twice.text) return "fmt's output does not format again: " + twice.errors;
    if (*twice.text != *once.text) return "fmt is not idempotent on this input";
  } else if (once.layout_bug) {
    return "fmt would change the tokens: " + once.errors;
  }
  return "";
}

}  // namespace fides::fuzz
