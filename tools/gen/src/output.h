// fides-gen: buffered CSV output files, in UTF-8 or GBK.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace fides::gen {

enum class Encoding { Utf8, Gbk };

// One CSV file. Rows are built with cell()/end_row(); the buffer is written
// (converted to GBK when asked) at row boundaries only.
class CsvOut {
 public:
  CsvOut() = default;
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  // Throws std::runtime_error when the file cannot be created.
  void open(const std::string& path, Encoding enc);
  void close();

  // The raw buffer of the current row: append already-formatted text, then sep().
  std::string& buf() { return buf_; }
  void sep() { buf_.push_back(','); }
  // A text cell, quoted when it holds a comma, quote or line break.
  void text(std::string_view s);
  void end_row();
  uint64_t rows() const { return rows_; }
  const std::string& path() const { return path_; }

 private:
  void flush();
  std::FILE* f_ = nullptr;
  std::string path_;
  std::string buf_;
  std::string conv_;
  Encoding enc_ = Encoding::Utf8;
  void* cd_ = nullptr;  // iconv_t
  uint64_t rows_ = 0;
};

// Converts UTF-8 text to GBK; throws on a character GBK cannot hold.
std::string utf8_to_gbk(std::string_view s);
std::string gbk_to_utf8(std::string_view s);

}  // namespace fides::gen
