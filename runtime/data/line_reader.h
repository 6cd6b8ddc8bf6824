// Physical lines of an input file (spec §9.8): CR LF, LF and a lone CR each
// end a line; the bytes after the last line end, if any, are the last line.
// Lines are cut on the bytes as written (a line end is never part of a UTF-8
// or GBK character), so each line can be decoded on its own. A line longer
// than the cap keeps only its first `cap` bytes; the rest is read past
// without being held, so memory stays bounded whatever the file holds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/input_file.h"

namespace fides::data {

struct PhysicalLine {
  uint32_t number = 0;   // 1-based
  uint64_t offset = 0;   // of its first byte in the file
  uint64_t length = 0;   // bytes before its line end, all of them
  std::string bytes;     // the first min(length, cap) of them
  bool overlong() const { return length > bytes.size(); }
};

class LineReader {
 public:
  LineReader(const InputFile& in, size_t cap) : in_(in), cap_(cap), buf_(1 << 16) {}

  // Continues at `offset`, the start of line `lines_before` + 1.
  void start_at(uint64_t offset, uint32_t lines_before);
  // Where the next line starts, and how many lines came before it.
  uint64_t offset() const { return buf_offset_ + pos_; }
  uint32_t lines_before() const { return line_; }

  // The next line; false at the end of the file or on a read error (error() says).
  bool next(PhysicalLine& out);
  const std::string& error() const { return error_; }
  void set_cap(size_t cap) { cap_ = cap; }

  // The common case without a copy: the next line's bytes (line end
  // excluded) when the whole line, ended by LF or CR LF, is already in the
  // buffer; false otherwise (then next() reads it). Nothing is consumed: the
  // view stays valid until skip_peeked() or next().
  bool peek(std::string_view& bytes);
  // Consumes the line peek() returned: its number and offset as next() gives them.
  void skip_peeked(std::string_view bytes, uint32_t& number, uint64_t& offset);

 private:
  bool refill();

  const InputFile& in_;
  size_t cap_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t buf_offset_ = 0;  // file offset of buf_[0]
  uint32_t line_ = 0;
  std::string error_;
};

}  // namespace fides::data
