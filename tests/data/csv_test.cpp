#include <doctest/doctest.h>

#include "data/csv.h"
#include "data/utf8.h"

using namespace fides::data;

namespace {
std::vector<CsvRecord> split(std::string_view text) {
  CsvParser p(text);
  std::vector<CsvRecord> out;
  CsvRecord r;
  CsvError e;
  bool malformed;
  while (p.next(r, e, malformed)) out.push_back(r);
  return out;
}
}  // namespace

TEST_CASE("RFC 4180 splitting with lines and columns") {
  auto rows = split("a,\"b,\"\"c\"\"\",中文\r\n\"x\ny\",2\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].cells == std::vector<std::string>{"a", "b,\"c\"", "中文"});
  CHECK(rows[0].columns == std::vector<uint32_t>{1, 3, 13});
  CHECK(rows[1].line == 2);
  CHECK(rows[1].cells[0] == "x\ny");
  CHECK(rows[1].columns[1] == 4);  // on the line where the cell starts: y",2
}

TEST_CASE("an unterminated quote is reported where it opens") {
  CsvParser p("a,b\n1,\"2\n3,4\n");
  CsvRecord r;
  CsvError e;
  bool malformed;
  REQUIRE(p.next(r, e, malformed));
  REQUIRE(p.next(r, e, malformed));
  CHECK(malformed);
  CHECK(e.line == 2);
  CHECK(e.column == 3);
  CHECK_FALSE(p.next(r, e, malformed));
}

TEST_CASE("UTF-8 checks") {
  CHECK(utf8_valid("中文 abc"));
  CHECK(utf8_invalid_at("ab\xFF") == 2);
  CHECK(utf8_invalid_at("\xED\xA0\x80") == 0);  // surrogate
  CHECK(utf8_invalid_at("\xC0\xAF") == 0);      // overlong
  CHECK(utf8_invalid_at("\xE4\xB8") == 0);      // truncated
  CHECK(utf8_code_points("中文ab", 7) == 3);
  CHECK(utf8_repair("a\xFFz") == "a\xEF\xBF\xBDz");
}
