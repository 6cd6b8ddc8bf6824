#include "helpers.h"

#include <fmt/format.h>

#include "syntax/parse_file.h"

namespace fides::test {

std::unique_ptr<Parsed> parse(const std::string& text, const std::string& path) {
  auto p = std::make_unique<Parsed>();
  FileId id = p->sm.add(path, text);
  p->file = syntax::parse_file(id, p->sm, p->module, p->diags);
  p->module.files.push_back(p->file);  // as load_pack does
  return p;
}

std::vector<std::string> codes(const Diagnostics& diags, const SourceManager& sm) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.sorted()) {
    if (!d.span.file.valid()) {
      out.push_back(std::string(diag_code(d.kind)));
      continue;
    }
    LineColumn lc = sm.position(d.span.file, d.span.begin);
    out.push_back(fmt::format("{} {}:{}", diag_code(d.kind), lc.line, lc.column));
  }
  return out;
}

std::string rendered(const Diagnostics& diags, const SourceManager& sm) {
  std::string out;
  for (const Diagnostic& d : diags.sorted()) out += render_text(d, sm);
  return out;
}

std::string dump(const Parsed& p) { return ast::print_module(p.module); }

}  // namespace fides::test
