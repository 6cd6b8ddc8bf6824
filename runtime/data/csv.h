// RFC 4180 CSV splitting over text already in memory: quoted cells with
// doubled quotes and embedded line breaks, CRLF or LF line ends, a UTF-8 BOM
// skipped. It splits only; what the cells mean is the caller's business.
// Used for tables (small, read whole) and header lines; input files are read
// line by line through row_reader.h, which bounds memory and resumes after a
// broken quote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fides::data {

struct CsvRecord {
  uint32_t line = 0;              // physical line on which the record starts (1-based)
  std::string_view raw;           // the record's text as written, without its line end
  std::vector<std::string> cells; // unquoted cell values
  std::vector<uint32_t> columns;  // 1-based column (in code points) where each cell starts,
                                  // on the physical line where that cell starts
};

// Where a record is malformed: the physical line and the column (code points)
// on that line; for an unterminated quoted cell, where its opening quote is.
struct CsvError {
  enum class Kind : uint8_t { unterminated_quote, text_after_quote, quote_in_unquoted };
  uint32_t line = 0;
  uint32_t column = 0;
  Kind kind = Kind::unterminated_quote;
  std::string reason;  // the kind in English words, as rejects.csv and run.json print it
};

class CsvParser {
 public:
  explicit CsvParser(std::string_view text, char delimiter = ',');

  // Reads the next record into `out`. Returns false at the end of input.
  // A malformed record (a stray quote, an unterminated quoted cell) is still
  // returned, with `error` set and the parser moved past it.
  bool next(CsvRecord& out, CsvError& error, bool& malformed);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  char delimiter_;
};

}  // namespace fides::data
