#include "driver/front_end.h"

#include <fmt/format.h>

#include "sema/check.h"
#include "syntax/load_pack.h"

namespace fides::driver {

std::unique_ptr<FrontEnd> run_front_end(const std::string& main_path, const std::string& stdlib_dir,
                                        const std::vector<std::string>& allowed_dirs) {
  auto fe = std::make_unique<FrontEnd>();
  syntax::load_pack(main_path, syntax::LoadOptions{stdlib_dir, allowed_dirs}, fe->sources, fe->module, fe->diags);
  FileAccess access(main_path, stdlib_dir, allowed_dirs);
  if (!fe->module.files.empty()) fe->program = sema::check(fe->module, fe->sources, fe->diags, access);
  return fe;
}

void print_diagnostics(const FrontEnd& fe, const std::string& main_path, Lang lang) {
  for (const Diagnostic& d : fe.diags.sorted()) fmt::print(stderr, "{}", render_text(d, fe.sources, lang));
  if (fe.diags.has_errors())
    fmt::print(stderr, "{}\n", say(Phrase::error_count, main_path, fe.diags.error_count()).in(lang));
}

}  // namespace fides::driver
