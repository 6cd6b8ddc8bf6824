// CSV records over physical lines (spec §9.8), for the loader's input files.
// A record is one physical line, or several when a quoted cell holds line
// breaks. Every line ends up in exactly one record, and a record that cannot
// be trusted is handed back as a reject:
// - `unterminated quote`: a quoted cell still open at the end of the file;
// - `unbalanced quote`: a quoted cell that spans lines, after which the
//   record has the wrong number of cells, a stray quote, or the line break
//   lands in a column that cannot hold one (a key, a number, a reference:
//   only text fields and columns the pack ignores can);
// - `field too long`: a cell longer than the limit; when it is a quoted cell
//   spanning lines, the same as above;
// these three reject the record's first physical line only, and reading
// resumes on the next line, so one stray quote never swallows the rows after
// it. Besides: `invalid UTF-8` / `invalid GBK`, `NUL byte`, `malformed
// quoting` (a quote inside an unquoted cell, text after a closing quote),
// `wrong column count`, `blank line`.
// Memory: the lines of one record, each cut at a cap that a well-formed line
// cannot reach without a cell over the limit (so at most about
// 2 × limit × columns bytes), and for a quoted cell spanning lines the lines
// read ahead, at most the limit.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "data/encoding.h"
#include "data/line_reader.h"

namespace fides::data {

struct CsvRow {
  uint32_t line = 0, last_line = 0;  // physical lines it spans
  uint64_t offset = 0, length = 0;   // its bytes in the file, line ends inside included
  std::vector<std::string_view> cells;  // unquoted values: views into the reader's buffer or `owned`,
                                        // valid until the reader's next call of next()
  std::vector<std::string> owned;    // cells that had to be unquoted or joined across lines
  std::vector<uint32_t> columns;     // 1-based column (code points) where each cell starts, on its line
  std::string problem;               // why it is a reject; empty when it splits cleanly
  uint32_t problem_column = 0;
};

class RowReader {
 public:
  // `used` is what the file's bytes are decoded as (Utf8 or Gbk);
  // `valid_utf8`: the whole file is known to be well-formed UTF-8.
  RowReader(const InputFile& in, Encoding used, uint64_t max_field_bytes, bool valid_utf8 = false);

  // Before the rows: the header's cell count and names, and which columns may
  // hold a line break.
  void set_header(const std::vector<std::string>& names, std::vector<bool> multiline_ok);

  // Reads the records that start in [offset, stop): `offset` is the start of
  // line `lines_before` + 1. (By default, the whole file from its start.)
  void start_at(uint64_t offset, uint32_t lines_before, uint64_t stop);
  // Where the record after the last one returned starts, and the lines before it.
  uint64_t next_offset() const { return pending_.empty() ? lines_.offset() : pending_.front().raw.offset; }
  uint32_t lines_before() const { return pending_.empty() ? lines_.lines_before() : pending_.front().raw.number - 1; }

  // The next record; false at the end of the file or of the range, or on a read error (error()).
  bool next(CsvRow& out);
  const std::string& error() const { return error_; }
  // The decoded text of the record last returned, lines joined by "\n" (for
  // rejects.csv; clip it with clip_reject_text).
  std::string text() const;

 private:
  struct Line {
    PhysicalLine raw;
    std::string text;  // decoded
    bool overlong = false;
  };
  // A line with no quote, CR, NUL or ill-formed byte and the header's cell
  // count, split in place without a copy: most lines of most files. False
  // (nothing consumed) for anything else, which split() then reads.
  bool next_plain(CsvRow& out);
  bool fetch(size_t index);  // ensures pending_[index] exists
  // Moves the first `count` pending lines to current_: the lines of `out`.
  void take(size_t count, CsvRow& out);
  void split(CsvRow& out);

  LineReader lines_;
  Encoding used_;
  std::unique_ptr<GbkDecoder> gbk_;
  uint64_t limit_;      // --max-field-bytes
  uint64_t max_field_;  // the limit in force: limit_ once the header is read
  std::vector<std::string> names_;
  std::vector<bool> multiline_ok_;
  std::deque<Line> pending_;
  std::vector<Line> current_;
  uint64_t stop_ = UINT64_MAX;
  std::string_view plain_;  // the line next_plain() returned last, while current_ is empty
  bool valid_utf8_;
  std::string error_;
};

// A rejected row's text as rejects.csv shows it: at most kRejectTextMax
// bytes, cut at a character and marked with "…" when longer.
constexpr size_t kRejectTextMax = 4096;
std::string clip_reject_text(std::string text);

// The cap on a physical line's bytes for a file with `columns` columns and
// cells of at most `max_field_bytes`: a line past it has a cell over the
// limit or more cells than columns.
uint64_t line_cap(uint64_t max_field_bytes, size_t columns);

}  // namespace fides::data
