// A file being written, with every write checked: a short write, a failed
// flush or close (disk full, quota, I/O error) is remembered and reported by
// close(), never ignored. CSV rows are written with RFC 4180 quoting where a
// cell needs it (a comma, quote, CR or LF).
#pragma once

#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>

namespace fides::host {

class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool open(const std::string& path);
  void write(std::string_view s);
  void csv_row(std::initializer_list<std::string_view> cells);
  // Flushes and closes; false (with error()) when anything failed since open.
  bool close();
  const std::string& error() const { return error_; }

 private:
  void fail(const char* what);
  FILE* f_ = nullptr;
  std::string path_, error_;
  std::string buf_;
};

// Appends s to out as one CSV cell, quoted when needed.
void append_csv_cell(std::string& out, std::string_view s);

}  // namespace fides::host
