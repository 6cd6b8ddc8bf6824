// fides-gen: buffered CSV output files, in UTF-8 or GBK.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "util.h"

namespace fides::gen {

enum class Encoding { Utf8, Gbk };

// One CSV file. A row is written as one chain of typed cells ending in
// end_row():
//
//   f.cell(in.code).cell_int(in.level).cell_date(v.begin).cell_money_opt(l.cap).end_row();
//
// Each cell puts the separator before itself (none before the row's first),
// so that no caller counts commas and a row reads as the columns it fills.
// The buffer is written (converted to GBK when asked) at row boundaries only.
class CsvOut {
 public:
  CsvOut() = default;
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  // Throws std::runtime_error when the file cannot be created.
  void open(const std::string& path, Encoding enc);
  void close();

  // A text cell, quoted when it holds a comma, quote or line break. Empty
  // text is an empty cell (an absent optional text).
  CsvOut& cell(std::string_view s);
  // A one-character code (gender, institution or staff type, status, class).
  CsvOut& cell_char(char c) { return cell(std::string_view(&c, 1)); }
  CsvOut& cell_int(int64_t v) {
    append_int(start_cell(), v);
    return *this;
  }
  // An identifier as the generator makes them: kind, year, then the sequence
  // number zero-padded to `width` digits (FD2024 + 00000000000123). Written in
  // place, without building the string first: fee lines are the bulk of a run.
  CsvOut& cell_id(std::string_view kind, std::string_view year, uint64_t seq, int width) {
    std::string& b = start_cell();
    b += kind;
    b += year;
    append_padded(b, seq, width);
    return *this;
  }
  CsvOut& cell_date(int day) {  // YYYY-MM-DD
    append_date(start_cell(), day);
    return *this;
  }
  CsvOut& cell_money(int64_t cents) {  // 12.30
    append_money(start_cell(), cents);
    return *this;
  }
  CsvOut& cell_empty() {
    start_cell();
    return *this;
  }
  // Optional numbers, dates and amounts: the generator marks an absent one
  // with a negative value (-1), and an absent optional is an empty cell. Only
  // for values that are never negative when present: a date counts days from
  // 1970-01-01, so a birth date before 1970 is negative and takes cell_date().
  CsvOut& cell_int_opt(int64_t v) { return v >= 0 ? cell_int(v) : cell_empty(); }
  CsvOut& cell_date_opt(int day) { return day >= 0 ? cell_date(day) : cell_empty(); }
  CsvOut& cell_money_opt(int64_t cents) { return cents >= 0 ? cell_money(cents) : cell_empty(); }

  void end_row();
  uint64_t rows() const { return rows_; }
  const std::string& path() const { return path_; }

 private:
  // The buffer, after the separator when the row already has a cell.
  std::string& start_cell() {
    if (in_row_) buf_.push_back(',');
    in_row_ = true;
    return buf_;
  }
  void flush();
  std::FILE* f_ = nullptr;
  std::string path_;
  std::string buf_;
  std::string conv_;
  bool in_row_ = false;  // the current row has a cell: the next one needs a separator
  Encoding enc_ = Encoding::Utf8;
  void* cd_ = nullptr;  // iconv_t
  uint64_t rows_ = 0;
};

// Converts UTF-8 text to GBK; throws on a character GBK cannot hold.
std::string utf8_to_gbk(std::string_view s);
std::string gbk_to_utf8(std::string_view s);

}  // namespace fides::gen
