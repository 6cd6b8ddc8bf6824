#include "data/csv.h"

namespace fides::data {
namespace {
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

CsvParser::CsvParser(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvParser::next(CsvRecord& out, CsvError& error, bool& malformed) {
  malformed = false;
  out.cells.clear();
  out.columns.clear();
  if (pos_ >= text_.size()) return false;
  out.line = line_;
  size_t record_begin = pos_;
  std::string cell;
  bool cell_quoted = false;
  uint32_t column = 1;
  size_t column_counted_to = pos_;
  auto column_at = [&](size_t at) {
    for (; column_counted_to < at; ++column_counted_to)
      if (!is_continuation(text_[column_counted_to])) ++column;
    return column;
  };
  auto fail_at = [&](uint32_t line, uint32_t col, CsvError::Kind kind, std::string reason) {
    if (!malformed) {
      malformed = true;
      error = {line, col, kind, std::move(reason)};
    }
  };
  auto fail = [&](size_t at, CsvError::Kind kind, std::string reason) {
    fail_at(line_, column_at(at), kind, std::move(reason));
  };
  out.columns.push_back(1);
  size_t cell_start = pos_;
  size_t record_end = text_.size();
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '"' && pos_ == cell_start) {
      cell_quoted = true;
      uint32_t open_line = line_, open_column = column_at(pos_);
      ++pos_;
      bool closed = false;
      while (pos_ < text_.size()) {
        char q = text_[pos_];
        if (q == '"') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
            cell += '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          closed = true;
          break;
        }
        if (q == '\n') {
          ++line_;
          column = 1;
          column_counted_to = pos_ + 1;
        }
        cell += q;
        ++pos_;
      }
      if (!closed) fail_at(open_line, open_column, CsvError::Kind::unterminated_quote, "unterminated quoted cell");
      continue;
    }
    if (c == delimiter_) {
      out.cells.push_back(std::move(cell));
      cell.clear();
      cell_quoted = false;
      ++pos_;
      cell_start = pos_;
      out.columns.push_back(column_at(pos_));
      continue;
    }
    if (c == '\n' || c == '\r') {
      record_end = pos_;
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      break;
    }
    if (cell_quoted) fail(pos_, CsvError::Kind::text_after_quote, "text after the closing quote of a quoted cell");
    else if (c == '"') fail(pos_, CsvError::Kind::quote_in_unquoted, "quote inside an unquoted cell");
    cell += c;
    ++pos_;
  }
  out.cells.push_back(std::move(cell));
  out.raw = text_.substr(record_begin, record_end - record_begin);
  return true;
}

}  // namespace fides::data
