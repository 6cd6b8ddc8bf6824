// An input file as the loader reads it (spec §9.8, §9.11): opened once, read
// in blocks (never stat'ed for a size, never mapped), and re-readable by byte
// offset so that a row rejected late (an unresolved reference) can show its
// text without the loader keeping every row's text in memory.
// - A regular file is read in place.
// - A pipe, FIFO, socket or terminal (`--input R=/dev/stdin`) is a stream:
//   it is copied, as it is read, to an unlinked temporary file in $TMPDIR
//   (default /tmp), which then stands for it; memory stays one block.
// - Any other device (/dev/zero, /dev/urandom, a disk) is refused: it is not
//   a file of rows, and reading it would never end.
// - Text already in memory (`fides test`'s given rows) reads the same way.
#pragma once

#include <cstdint>
#include <string>

namespace fides::data {

class InputFile {
 public:
  InputFile() = default;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  // False with a message naming `path` when it cannot be opened, is a device,
  // or (for a stream) cannot be copied.
  bool open(const std::string& path, std::string& error);
  void open_text(const std::string& text);

  // Sequential reads from the start (or from the last rewind()): bytes read,
  // 0 at the end, -1 on a read error (message in `error`).
  long read(char* buf, size_t n, std::string& error);
  void rewind() { pos_ = 0; }
  // Up to n bytes at `offset`, for readers of a part of the file, from any
  // thread: bytes read, 0 at the end, -1 on a read error (message in `error`).
  long read_at(char* buf, size_t n, uint64_t offset, std::string& error) const;
  // `len` bytes at `offset` (fewer at the end of the file).
  std::string read_at(uint64_t offset, size_t len) const;

 private:
  int fd_ = -1;
  const std::string* text_ = nullptr;
  uint64_t pos_ = 0;
  std::string path_;
};

}  // namespace fides::data
