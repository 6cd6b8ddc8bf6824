// Scorecards: base, items with limits, decimal scores, bins, grades with
// `score`, hits from every stratum, errors in items.
#include <doctest/doctest.h>

#include "e2e_support.h"

using fides::e2e::compile;
using fides::e2e::join;
using fides::e2e::run;

namespace {

const char* kPack = R"(pack "sc" version "1"
record Org key code {
  code:  text
  ratio: decimal
  items: [Item] via org
}
record Item key id {
  id:    text
  org:   Org
  price: money
}
rule BIG "big" {
  for i: Item
  severity high
  when i.price > 10
  amount i.price
  points 2
}
rule SEEN "org with hits" {
  for o: Org
  when count(h in hits(o)) > 1
}
scorecard IntCard "ints" {
  for o: Org
  let n = count(i in o.items)
  base 100
  item "many" = -10 * n limit -25 to 0
  item "hits" = -3 * count(h in hits(o))
  item "ratio" = bins o.ratio {
    < 0.30 => 20
    <= 0.45 => 0
    otherwise => -30
  }
  grade {
    "X" when n == 0
    "A" when score >= 100
    "B" when score >= 60
    "C" otherwise
  }
  reasons 2
}
scorecard DecCard "decimals" {
  for o: Org
  base 1.5
  item "avg" = avg(i.price for i in o.items) ?? 0 limit 0 to 10.25
  item "div" = 1 / count(i in o.items)
  grade { "Z" otherwise }
}
scorecard Plain "plain" {
  for o: Org
  item "n" = count(i in o.items)
  grade { "P" when score > 2  "Q" otherwise }
}
)";

}  // namespace

TEST_CASE("scorecards with limits, bins, grades and hits") {
  auto pack = compile({{"main.fides", kPack}});
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  REQUIRE(pack->pack()->scorecards[0].score_is_decimal == 0);
  REQUIRE(pack->pack()->scorecards[1].score_is_decimal == 1);
  auto out = run(*pack, {{"Org", "code,ratio\nA,0.1\nB,0.45\nC,0.9\n"},
                         {"Item", "id,org,price\nI1,A,20.00\nI2,A,30.00\nI3,A,1.00\nI4,B,8.00\n"}});
  REQUIRE_MESSAGE(out.error.empty(), out.error);
  CHECK(join(out.findings) == "BIG I1 20.00 2 \nBIG I2 30.00 2 \nSEEN A 0.00 0 \n");
  CHECK(join(out.scores) ==
        // A: many -30 → -25; hits BIG I1, BIG I2, SEEN A → -9; ratio 20
        "IntCard A 86 B [-25,-9,20]\n"
        "IntCard B 90 B [-10,0,0]\n"
        "IntCard C 70 X [0,0,-30]\n"
        // avg 17 → 10.25; 1/3
        "DecCard A 12.083333 Z [10.25,0.333333]\n"
        "DecCard B 10.5 Z [8,1]\n"
        "Plain A 3 P [3]\n"
        "Plain B 1 Q [1]\n"
        "Plain C 0 Q [0]\n");
  CHECK(join(out.errors) == "DecCard C division by zero at main.fides:46:16\n");
}
