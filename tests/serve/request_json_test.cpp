// parse_request (runtime/serve/request_json.h): cells as the input-cell rules
// will read them, over a descriptor made in the test.
#include <doctest/doctest.h>

#include "serve/request_json.h"

using namespace fides::serve;

namespace {
const fides_field_desc kFields[] = {
    {"id", "编号", FIDES_TYPE_TEXT, 0, -1, 0},
    {"amount", "金额", FIDES_TYPE_MONEY, 0, -1, 0},
    {"flag", "标志", FIDES_TYPE_BOOL, 1, -1, 0},
    {"copy", "编号", FIDES_TYPE_TEXT, 0, -1, 0},  // a second field reading the same column
};
const fides_record_desc kRecords[] = {{"Line", "", 0, 4, kFields, -1, 1, nullptr}};

fides_pack pack() {
  fides_pack p{};
  p.n_records = 1;
  p.records = kRecords;
  return p;
}
}  // namespace

TEST_CASE("numbers keep the text they were written with; true/false and null are cells too") {
  fides_pack p = pack();
  RequestSchema schema(p);
  RawRequest raw;
  std::string error;
  REQUIRE(parse_request(schema, R"({"records": {"Line": [
      {"编号": "A1", "金额": 12.50, "标志": true},
      {"编号": 7, "金额": -0.000001, "标志": null},
      {"金额": 1e3}]}})", 10, raw, error));
  REQUIRE(raw.records[0].size() == 3);
  CHECK(raw.rows == 3);
  const auto& a = raw.records[0][0].cells;
  CHECK(a == std::vector<std::string>{"A1", "12.50", "true", "A1"});
  CHECK(raw.records[0][1].cells == std::vector<std::string>{"7", "-0.000001", "", "7"});
  // A column left out is an empty cell; 1e3 is kept as written (the cell rules reject it).
  CHECK(raw.records[0][2].cells == std::vector<std::string>{"", "1e3", "", ""});
}

TEST_CASE("a request may hold no more rows than the server has room for") {
  fides_pack p = pack();
  RequestSchema schema(p);
  RawRequest raw;
  std::string error;
  CHECK_FALSE(parse_request(schema, R"({"records": {"Line": [{}, {}, {}]}})", 2, raw, error));
  CHECK(error == "a request may hold at most 2 rows (--max-body allows no more)");
}
