#include <string>

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
  return "";
}

}  // namespace fides::fuzz
