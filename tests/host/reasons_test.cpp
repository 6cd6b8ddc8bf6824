#include <doctest/doctest.h>

#include "host/reasons.h"

using fides::host::reasons_cell;
using fides::host::score_text;

namespace {
const char* const kItems[] = {"违规疑点", "违规金额", "行政处罚", "药占比"};
fides_scorecard_desc card(uint32_t reasons, uint32_t highest, uint32_t decimal = 0) {
  fides_scorecard_desc c{};
  c.name = "机构信用";
  c.n_items = 4;
  c.items = kItems;
  c.reasons = reasons;
  c.reasons_highest = highest;
  c.score_is_decimal = decimal;
  return c;
}
}  // namespace

TEST_CASE("reasons N lists negative items, most negative first, ties in declaration order") {
  CHECK(reasons_cell(card(3, 0), {-5, -20, 10, -5}) == "违规金额:-20; 违规疑点:-5; 药占比:-5");
  CHECK(reasons_cell(card(2, 0), {-5, -20, 10, -5}) == "违规金额:-20; 违规疑点:-5");
  CHECK(reasons_cell(card(3, 0), {0, 0, 10, 0}) == "");
}

TEST_CASE("reasons N highest lists positive items, largest first") {
  CHECK(reasons_cell(card(2, 1), {3, -1, 3, 7}) == "药占比:7; 违规疑点:3");
  CHECK(reasons_cell(card(5, 1), {0, -1, 0, 0}) == "");
}

TEST_CASE("no reasons clause gives an empty cell") { CHECK(reasons_cell(card(0, 0), {-5, -1, 0, 0}) == ""); }

TEST_CASE("decimal scorecards print values as decimals") {
  CHECK(reasons_cell(card(1, 0, 1), {-1500000, 0, 0, 0}) == "违规疑点:-1.5");
  CHECK(score_text(card(0, 0, 1), 990000000) == "990");
  CHECK(score_text(card(0, 0, 1), 12345) == "0.012345");
  CHECK(score_text(card(0, 0, 0), 990) == "990");
}
