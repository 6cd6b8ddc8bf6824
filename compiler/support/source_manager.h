// Owns the text of every source file of a run and maps byte offsets to
// line and column, so that spans can stay two integers wide.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/id.h"

namespace fides {

// A half-open byte range [begin, end) in one source file.
struct Span {
  FileId file;
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct LineColumn {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, counted in Unicode code points
};

class SourceManager {
 public:
  // Registers a file's text (already read); the path is how diagnostics name it.
  FileId add(std::string path, std::string text);
  // Gives a registered file new text: a file edited between two loads of a
  // pack that keep their parses (compiler/syntax/parse_cache.h). Spans into
  // the old text mean nothing afterwards.
  void replace(FileId f, std::string text);

  const std::string& path(FileId f) const { return files_[f.index].path; }
  std::string_view text(FileId f) const { return files_[f.index].text; }
  size_t size() const { return files_.size(); }

  LineColumn position(FileId f, uint32_t offset) const;
  // The text of a 1-based line, without its line break.
  std::string_view line_text(FileId f, uint32_t line) const;

 private:
  struct File {
    std::string path;
    std::string text;
    std::vector<uint32_t> line_starts;
  };
  std::vector<File> files_;
};

}  // namespace fides
