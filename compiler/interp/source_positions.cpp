#include "interp/source_positions.h"

#include <algorithm>

namespace fides::interp {

SourcePositions::SourcePositions(const ast::Module& module, const lower::PackDescription& description) {
  for (const lower::SourceDescription& s : description.sources) {
    Source src;
    src.path = &s.path;
    src.text = &s.text;
    src.line_starts.push_back(0);
    for (uint32_t i = 0; i < s.text.size(); ++i)
      if (s.text[i] == '\n') src.line_starts.push_back(i + 1);
    sources_.push_back(std::move(src));
  }
  for (size_t i = 0; i < module.files.size() && i < sources_.size(); ++i) {
    uint32_t f = module.files[i].id.index;
    if (f >= source_of_file_.size()) source_of_file_.resize(f + 1, -1);
    source_of_file_[f] = static_cast<int32_t>(i);
  }
}

std::string SourcePositions::describe(Span span) const {
  if (!span.file.valid() || span.file.index >= source_of_file_.size() || source_of_file_[span.file.index] < 0)
    return "?";
  const Source& s = sources_[static_cast<size_t>(source_of_file_[span.file.index])];
  uint32_t offset = std::min<uint32_t>(span.begin, static_cast<uint32_t>(s.text->size()));
  auto it = std::upper_bound(s.line_starts.begin(), s.line_starts.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - s.line_starts.begin());
  uint32_t column = 1;
  for (uint32_t i = s.line_starts[line - 1]; i < offset; ++i)
    if ((static_cast<unsigned char>((*s.text)[i]) & 0xC0) != 0x80) ++column;
  return *s.path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace fides::interp
