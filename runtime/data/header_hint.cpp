#include "data/header_hint.h"

#include "data/csv.h"
#include "data/typed_value.h"
#include "data/utf8.h"

namespace fides::data {

std::vector<std::string> header_in_other_encoding(std::string_view bytes, Encoding used) {
  std::string_view line = bytes.substr(0, bytes.find_first_of("\r\n"));
  std::string text, error;
  if (used == Encoding::Gbk) {
    if (!utf8_valid(line)) return {};
    text = line;
  } else {
    bool clean = false;
    if (!gbk_to_utf8(line, text, error, &clean) || !clean) return {};
  }
  CsvParser parser(text);
  CsvRecord rec;
  CsvError csv_error;
  bool malformed = false;
  std::vector<std::string> header;
  if (parser.next(rec, csv_error, malformed) && !malformed)
    for (const std::string& c : rec.cells) header.emplace_back(trim_blanks(c));
  return header;
}

std::string other_encoding_hint(Encoding used) {
  return used == Encoding::Gbk ? "it would match when read as UTF-8 (--encoding utf-8)"
                               : "it would match when read as GBK (--encoding gbk)";
}

}  // namespace fides::data
