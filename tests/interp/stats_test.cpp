// Version 1 statistics and built-ins in the reference interpreter (spec §9.2,
// §9.3). Expected values were computed independently with Python
// (fractions.Fraction, decimal with ROUND_HALF_UP, hashlib).
#include <doctest/doctest.h>

#include "interp_support.h"

using namespace fides::interp::testing;
using V = std::vector<std::string>;

namespace {
const char* kPack = R"(pack "t" version "1"
param rank: int = 25
record Bill key id {
  id:    text
  drg:   text
  ward:  text?
  n:     int
  total: money
}
rule M {
  for b: Bill
  when true
  message "{median(s.total for s in Bill where s.drg == b.drg)}|{percentile(rank, s.n for s in Bill where s.drg == b.drg)}|{stddev(s.total for s in Bill where s.ward ?? \"-\" == b.ward ?? \"-\")}|{count(distinct s.ward ?? \"\" for s in Bill)}"
}
rule X {
  for b: Bill
  when (percentile(b.n, s.n for s in Bill where s.drg == "none") ?? 0) == 0
  message "{div(b.n, -3)} {mod(b.n, -3)} {text(b.ward) ?? \"?\"} {uniform(b.drg, b.id)}"
}
)";

std::map<std::string, std::string> inputs() {
  return {{"Bill",
           "id,drg,ward,n,total\n"
           "B1,甲,W1,1,10.00\n"
           "B2,乙,,50,3.333\n"
           "B3,甲,W1,-7,20.00\n"
           "B4,甲,W2,101,0.01\n"
           "B5,乙,,2,100\n"}};
}
}  // namespace

TEST_CASE("text-keyed peer statistics give the same values whatever the chunking") {
  // drg 甲: totals 0.01 10 20, n -7 1 101; drg 乙: totals 3.333 100, n 2 50.
  // ward W1: 10 20 (sd 5); W2: 0.01 (sd 0); absent: 3.333 100 (sd 48.3335).
  V expected{"B1|0.00|0|10.00|-3|5|3", "B2|0.00|0|51.67|14|48.3335|3", "B3|0.00|0|10.00|-3|5|3",
             "B4|0.00|0|10.00|-3|0|3", "B5|0.00|0|51.67|14|48.3335|3"};
  for (auto [threads, chunk] : {std::pair{1u, int64_t{2048}}, std::pair{3u, int64_t{2}}}) {
    CAPTURE(chunk);
    Run r = run("stats_peer", kPack, inputs(), {}, {}, threads, chunk);
    CHECK(r.errors("M") == V{});
    CHECK(r.findings("M") == expected);
  }
}

TEST_CASE("the percentile rank is checked even on an empty collection; div, mod, text, uniform") {
  Run r = run("stats_rank", kPack, inputs());
  // n = 1, 50, 2 are valid ranks (the collection is empty: absent ?? 0); -7 and 101 are not.
  CHECK(r.findings("X") == V{"B1|0.00|0|-1 -2 W1 0.705044", "B2|0.00|0|-17 -1 ? 0.428657",
                             "B5|0.00|0|-1 -1 ? 0.256929"});
  std::string at = where(kPack, "percentile(b.n");
  CHECK(r.errors("X") == V{"B3|argument out of range at " + at, "B4|argument out of range at " + at});
}
