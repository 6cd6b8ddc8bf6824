// Parses kept between loads of one pack, for a program that checks the same
// pack again and again while its files change (the language server,
// compiler/lsp): a file whose text did not change is not parsed again.
//
// The cache owns the SourceManager of every load made with it, so a file
// keeps its FileId from one load to the next and the spans of a kept parse
// stay valid; a file whose text changed keeps its FileId too and gets the new
// text. Use one cache per main file.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "diag/diagnostic.h"

namespace fides::syntax {

class ParseCache {
 public:
  SourceManager& sources() { return sources_; }
  const SourceManager& sources() const { return sources_; }

  // The FileId of the file shown as `path`, now holding `text`: the one it
  // had in earlier loads, or a new one.
  FileId add(const std::string& path, std::string text);

  // What parse_file gives for file `id`: its declarations appended to `own`
  // (empty), its File returned, its diagnostics reported to `diags`; from the
  // cache when the text is the one parsed last time.
  ast::File parse(FileId id, ast::Module& own, Diagnostics& diags);

 private:
  struct Parsed {
    bool current = false;  // `module`, `file` and `diags` are of the file's present text
    ast::Module module;
    ast::File file;
    std::vector<Diagnostic> diags;
  };
  SourceManager sources_;
  std::unordered_map<std::string, FileId> by_path_;
  std::vector<Parsed> parsed_;  // by FileId
};

}  // namespace fides::syntax
