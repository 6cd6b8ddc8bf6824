#include "lsp/line_index.h"

#include <algorithm>

namespace fides::lsp {

Utf8Step utf8_step(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  uint32_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > text.size()) return {1, 1};
  for (uint32_t k = 1; k < len; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return {1, 1};
  return {len, len == 4 ? 2u : 1u};
}

LineIndex::LineIndex(std::string_view text) : text_(text), starts_{0} {
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    if (text[i] == '\n' || text[i] == '\r') starts_.push_back(i + 1);
  }
}

uint32_t LineIndex::line_end(uint32_t line) const {
  uint32_t end = line + 1 < starts_.size() ? starts_[line + 1] : static_cast<uint32_t>(text_.size());
  if (line + 1 < starts_.size()) {
    --end;  // the "\n" or "\r"
    if (text_[end] == '\n' && end > starts_[line] && text_[end - 1] == '\r') --end;
  }
  return end;
}

Position LineIndex::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - starts_.begin()) - 1;
  uint32_t stop = std::min(offset, line_end(line));
  uint32_t units = 0;
  for (uint32_t i = starts_[line]; i < stop;) {
    Utf8Step step = utf8_step(text_, i);
    if (i + step.bytes > stop) break;
    i += step.bytes;
    units += step.units;
  }
  return {line, units};
}

uint32_t LineIndex::offset(Position p) const {
  if (p.line >= starts_.size()) return static_cast<uint32_t>(text_.size());
  uint32_t end = line_end(p.line);
  uint32_t i = starts_[p.line], units = 0;
  while (i < end) {
    Utf8Step step = utf8_step(text_, i);
    if (units + step.units > p.character) break;
    units += step.units;
    i += step.bytes;
  }
  return i;
}

}  // namespace fides::lsp
