// bench baseline: a CSV file mapped into memory and cut into rows and cells.
//
// The baseline may assume well-formed input (the generator's files): one row
// per line, cells separated by commas, a cell quoted only when it holds a
// comma or a quote (then "" stands for a quote). Cells are string_views into
// the mapping, so reading a column copies nothing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

class CsvFile {
 public:
  // Exits with a message naming the file when it cannot be read.
  explicit CsvFile(const std::string& path);
  ~CsvFile();
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

  // The index of a header column; exits naming the file when it is missing.
  size_t column(std::string_view name) const;
  size_t columns() const { return header_.size(); }
  // The rows' bytes (after the header), cut into `parts` ranges that start
  // and end on row boundaries, for parallel parsing.
  std::vector<std::string_view> parts(size_t parts) const;
  size_t size() const { return size_; }

 private:
  std::string path_;
  const char* data_ = nullptr;
  size_t size_ = 0;
  std::string_view body_;
  std::vector<std::string> header_;
};

// Calls row(cells) for every row of `text`, cells holding the row's cells
// (unquoted into `scratch` when quoted).
template <class Row>
void for_each_row(std::string_view text, size_t columns, Row&& row) {
  std::vector<std::string_view> cells(columns);
  std::vector<std::string> scratch(columns);
  size_t p = 0;
  const size_t n = text.size();
  while (p < n) {
    for (size_t c = 0; c < columns; ++c) {
      if (p < n && text[p] == '"') {
        std::string& s = scratch[c];
        s.clear();
        ++p;
        while (p < n) {
          if (text[p] == '"') {
            if (p + 1 < n && text[p + 1] == '"') {
              s.push_back('"');
              p += 2;
              continue;
            }
            ++p;
            break;
          }
          s.push_back(text[p++]);
        }
        cells[c] = s;
      } else {
        size_t start = p;
        while (p < n && text[p] != ',' && text[p] != '\n' && text[p] != '\r') ++p;
        cells[c] = text.substr(start, p - start);
      }
      if (p < n && text[p] == ',') ++p;
    }
    while (p < n && text[p] != '\n') ++p;  // a row's end (and any extra cells)
    ++p;
    row(cells);
  }
}

}  // namespace bench
