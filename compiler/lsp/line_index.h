// LSP positions — a 0-based line and a column counted in UTF-16 code units —
// and the byte offsets of a UTF-8 text. Lines end at "\n", "\r\n" or "\r",
// as the protocol counts them.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace fides::lsp {

struct Position {
  uint32_t line = 0;
  uint32_t character = 0;  // UTF-16 code units from the start of the line
  bool operator==(const Position&) const = default;
};

// Refers to the text it was built from, which must outlive it.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  // The position of a byte offset; an offset past the end is the end, one
  // inside a character or a line break is that character's or break's start.
  Position position(uint32_t offset) const;
  // The byte offset of a position, clamped: a line past the last is the end
  // of the text, a column past the end of its line is the line's end, and a
  // column between the two halves of a surrogate pair is the character's start.
  uint32_t offset(Position p) const;

 private:
  uint32_t line_end(uint32_t line) const;  // where its line break (or the text) starts
  std::string_view text_;
  std::vector<uint32_t> starts_;
};

// The length in bytes of the UTF-8 sequence at text[i] (1 for a byte that
// starts no valid sequence) and how many UTF-16 code units it takes.
struct Utf8Step {
  uint32_t bytes;
  uint32_t units;
};
Utf8Step utf8_step(std::string_view text, size_t i);

}  // namespace fides::lsp
