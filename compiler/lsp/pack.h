// One pack as the language server checks it: its main file, the parses it
// keeps between checks (only the files whose text changed are parsed again),
// and the result of the last check.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "sema/program.h"
#include "syntax/parse_cache.h"

namespace fides::lsp {

// Where imports and tables may come from, as `fides check` takes them.
struct PackOptions {
  std::string stdlib_dir;
  std::vector<std::string> allowed_dirs;
};

// The editor's texts of open files, by canonical path: they stand for the
// files on disk.
using Unsaved = std::map<std::string, std::string>;

// One check of a pack: its syntax tree, diagnostics and checked program.
struct Analysis {
  ast::Module module;
  Diagnostics diags;
  std::unique_ptr<sema::Program> program;  // null when not even the main file could be read
  const SourceManager* sources = nullptr;  // the pack's; every span points into it
  std::map<std::string, FileId> files;      // the pack's files by canonical path

  std::optional<FileId> file(const std::string& path) const;
};

class Pack {
 public:
  // `standalone`: the main file has no `pack` header because no pack imports
  // it, so the check does not ask for one.
  Pack(std::string main_path, bool standalone) : main_path_(std::move(main_path)), standalone_(standalone) {}

  const std::string& main_path() const { return main_path_; }
  bool standalone() const { return standalone_; }

  // The last check, or a new one when a file changed since (`touch`).
  const Analysis& analysis(const PackOptions& options, const Unsaved& unsaved);
  // The last check while it is up to date, else null.
  const Analysis* last() const { return last_.get(); }
  // A file of the pack changed: the next `analysis` checks again.
  void touch() { last_.reset(); }
  // Counts the checks made, so that a caller can tell a new one from the last it saw.
  uint64_t checks() const { return checks_; }
  // A check of the pack with `unsaved` that is not kept as the pack's last
  // one (completion checks a text with a placeholder typed in). The last
  // check is dropped: the parses kept are now those of the texts checked here.
  std::unique_ptr<Analysis> check_once(const PackOptions& options, const Unsaved& unsaved);

 private:
  std::string main_path_;
  bool standalone_;
  syntax::ParseCache cache_;
  std::unique_ptr<Analysis> last_;
  uint64_t checks_ = 0;
};

}  // namespace fides::lsp
