// Reading a pack from disk: the main file and, transitively, every file it
// imports, each parsed once, into one AST module.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "syntax/parse_cache.h"

namespace fides::syntax {

struct LoadOptions {
  std::string stdlib_dir;  // where `import "std/…"` looks
  // Folders besides the main file's and the standard library's that imports
  // and tables may come from (`--allow-path`).
  std::vector<std::string> allowed_dirs;
  // Texts that stand for files on disk, by resolved path (`check_file`'s
  // `resolved`): an editor's unsaved buffers. The file must still exist and
  // pass every check of a file on disk; only its text comes from here.
  const std::map<std::string, std::string>* unsaved = nullptr;
};

// Every problem (unreadable file, invalid UTF-8, syntax error, missing import,
// import cycle with its chain) is reported to `diags`; the module keeps
// whatever could be parsed, so later phases can report their errors too.
void load_pack(const std::string& main_path, const LoadOptions& options, SourceManager& sm,
               ast::Module& module, Diagnostics& diags);
// The same, registering files in `cache.sources()` and parsing only the files
// whose text changed since the last load with this cache.
void load_pack(const std::string& main_path, const LoadOptions& options, ParseCache& cache,
               ast::Module& module, Diagnostics& diags);

// Whether a file's first token is the keyword `pack`: the file means to be a
// pack's main file (its header may still be broken).
bool starts_with_pack_header(std::string_view text);

}  // namespace fides::syntax
