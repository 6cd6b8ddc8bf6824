// Reading a pack from disk: the main file and, transitively, every file it
// imports, each parsed once, into one AST module.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "diag/diagnostic.h"

namespace fides::syntax {

struct LoadOptions {
  std::string stdlib_dir;  // where `import "std/…"` looks
  // Folders besides the main file's and the standard library's that imports
  // and tables may come from (`--allow-path`).
  std::vector<std::string> allowed_dirs;
};

// Every problem (unreadable file, invalid UTF-8, syntax error, missing import,
// import cycle with its chain) is reported to `diags`; the module keeps
// whatever could be parsed, so later phases can report their errors too.
void load_pack(const std::string& main_path, const LoadOptions& options, SourceManager& sm,
               ast::Module& module, Diagnostics& diags);

}  // namespace fides::syntax
