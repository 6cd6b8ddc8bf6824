#include "support/source_manager.h"

#include <algorithm>

namespace fides {

namespace {

std::vector<uint32_t> line_starts_of(const std::string& text) {
  std::vector<uint32_t> starts{0};
  for (uint32_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  return starts;
}

}  // namespace

FileId SourceManager::add(std::string path, std::string text) {
  std::vector<uint32_t> starts = line_starts_of(text);
  files_.push_back(File{std::move(path), std::move(text), std::move(starts)});
  return FileId(static_cast<uint32_t>(files_.size() - 1));
}

void SourceManager::replace(FileId f, std::string text) {
  File& file = files_[f.index];
  file.line_starts = line_starts_of(text);
  file.text = std::move(text);
}

LineColumn SourceManager::position(FileId f, uint32_t offset) const {
  const File& file = files_[f.index];
  offset = std::min<uint32_t>(offset, file.text.size());
  auto it = std::upper_bound(file.line_starts.begin(), file.line_starts.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - file.line_starts.begin());
  uint32_t column = 1;
  // Count code points: every byte that is not a UTF-8 continuation byte starts one.
  for (uint32_t i = file.line_starts[line - 1]; i < offset; ++i)
    if ((static_cast<unsigned char>(file.text[i]) & 0xC0) != 0x80) ++column;
  return {line, column};
}

std::string_view SourceManager::line_text(FileId f, uint32_t line) const {
  const File& file = files_[f.index];
  if (line == 0 || line > file.line_starts.size()) return {};
  uint32_t begin = file.line_starts[line - 1];
  uint32_t end = line < file.line_starts.size() ? file.line_starts[line] : file.text.size();
  std::string_view text(file.text.data() + begin, end - begin);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace fides
