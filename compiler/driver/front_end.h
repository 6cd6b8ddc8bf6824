// The front end as one call: load a pack, check it, keep the diagnostics.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "sema/program.h"

namespace fides::driver {

struct FrontEnd {
  SourceManager sources;
  ast::Module module;
  Diagnostics diags;
  std::unique_ptr<sema::Program> program;  // null only when nothing could be loaded
};

// `allowed_dirs` are the `--allow-path` folders: imports and tables may come
// from them besides the main file's folder and the standard library.
std::unique_ptr<FrontEnd> run_front_end(const std::string& main_path, const std::string& stdlib_dir,
                                        const std::vector<std::string>& allowed_dirs = {});

// Prints the diagnostics as text to stderr in `lang`, then, when there were
// errors, "{main_path}: {n} error(s)".
void print_diagnostics(const FrontEnd& fe, const std::string& main_path, Lang lang);

}  // namespace fides::driver
