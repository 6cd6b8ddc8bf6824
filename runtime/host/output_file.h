// A file being written, with every write checked: a short write, a failed
// flush, fsync or close (disk full, quota, I/O error) is remembered and
// reported by close(), never ignored. The bytes go to a temporary name beside
// the target (NAME.partial-PID-N) and are renamed to NAME only by a close()
// that succeeded, after fsync: a run killed or failing at any moment never
// leaves a half-written file under NAME (spec §9.9). A file not closed, or
// whose close failed, has its temporary removed. CSV rows are written with RFC 4180 quoting where a
// cell needs it (a comma, quote, CR or LF), in the file's output encoding; a
// cell the encoding cannot hold is an error naming the file and the value.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "host/output_encoding.h"

namespace fides::host {

class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool open(const std::string& path, OutputEncoding encoding = OutputEncoding::Utf8);
  // Like open(), but writes nothing anywhere: rows are only converted, so that
  // close() tells whether the whole file could be written in `encoding`
  // before any output file is touched.
  void open_check(const std::string& path, OutputEncoding encoding);
  // Bytes as they are, not converted (run.json; CSV headers use csv_row).
  void write(std::string_view s);
  void csv_row(std::initializer_list<std::string_view> cells);
  void csv_row(const std::string_view* cells, size_t n);
  // s with each character the output encoding cannot hold written as
  // \u{XXXX}: for cells that echo input for diagnosis (rejects.csv's reason and text).
  std::string representable(std::string_view s);
  // Flushes, syncs, closes and renames into place; false (with error()) when
  // anything failed since open, and then nothing is left under either name.
  bool close();
  const std::string& error() const { return error_; }

 private:
  void fail(const char* what);
  void discard();
  void sync_folder() const;
  bool start(const std::string& path, OutputEncoding encoding);
  // Appends one cell in the output encoding; false when it cannot be encoded.
  bool append_cell(std::string& line, std::string_view cell);
  FILE* f_ = nullptr;
  bool check_only_ = false;
  std::unique_ptr<GbkEncoder> gbk_;  // set for GBK output
  std::string path_, temp_, error_;
  std::string buf_;
};

// Writes `text` as the whole file at `path`, as OutputFile does (in place only when complete).
bool write_text_file(const std::string& path, std::string_view text, std::string& error);

// Appends s to out as one CSV cell, quoted when needed.
void append_csv_cell(std::string& out, std::string_view s);

}  // namespace fides::host
