// Version 1 statistics and built-ins through the native path (spec §9.2,
// §9.3): median, percentile, stddev over int, decimal and money values,
// empty and single-row collections, a peer median keyed by a text field,
// count(distinct), div/mod, text(), int()/decimal()/date() of text, uniform(),
// and their evaluation errors. Expected values were computed independently
// with Python (fractions.Fraction, decimal with ROUND_HALF_UP, hashlib).
#include <doctest/doctest.h>

#include "e2e_support.h"

using fides::e2e::compile;
using fides::e2e::join;
using fides::e2e::run;

namespace {

const char* kPack = R"(pack "stats" version "1"
record Org key code {
  code:  text
  items: [Item] via org
}
record Item key id {
  id:    text
  org:   Org
  qty:   int
  price: money
  rate:  decimal
  drg:   text
  raw:   text
  opt:   int?
}
rule S "statistics" {
  for o: Org
  when true
  message "{median(i.qty for i in o.items)} {percentile(90, i.price for i in o.items)} {percentile(0, i.rate for i in o.items)} {percentile(100, i.rate for i in o.items)} {stddev(i.qty for i in o.items)} {stddev(i.price for i in o.items)} {median(i.price for i in o.items)} {count(distinct i.drg for i in o.items)} {count(distinct i.qty for i in o.items)}"
}
rule P "peer median by a text field" {
  for i: Item
  when true
  message "{median(j.price for j in Item where j.drg == i.drg)} {stddev(j.qty for j in Item where j.drg == i.drg)}"
}
rule B "built-ins" {
  for i: Item
  when true
  message "{div(i.qty, 4)} {mod(i.qty, 4)} {mod(i.qty, -4)} {text(i.price)}|{text(i.rate)}|{text(i.opt) ?? \"-\"}|{text(i.org)} {int(i.raw) ?? 0} {decimal(i.raw) ?? 0} {date(i.raw) ?? 2000-01-01} {uniform(i.id, \"2024\")}"
}
rule E "errors" {
  for o: Org
  when div(10, count(i in o.items) - 1) > 0 and (percentile(count(i in o.items) * 50, i.qty for i in o.items) ?? 0) > 0
}
)";

const char* kOrgs = "code\nA\nB\nC\n";
const char* kItems =
    "id,org,qty,price,rate,drg,raw,opt\n"
    "I1,A,1,20.00,0.5,G1,12,\n"
    "I2,A,3,1.00,-1.25,G2,-4.5,7\n"
    "I3,A,-2,5.50,0.000001,G1,2024-02-29,\n"
    "I4,A,3,2.00,2,G1,x1,3\n"
    "I5,B,7,0.50,1,G2,0045,\n";

}  // namespace

TEST_CASE("statistics, text-keyed peer medians and the version 1 built-ins, compiled") {
  auto pack = compile({{"main.fides", kPack}});
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  auto out = run(*pack, {{"Org", kOrgs}, {"Item", kItems}});
  REQUIRE_MESSAGE(out.error.empty(), out.error);
  CHECK(join(out.findings) ==
        // A: qty -2 1 3 3, price 1 2 5.5 20, rate -1.25 0.000001 0.5 2
        "S A 0.00 0 2 15.65 -1.25 2 2.046338 7.61885 3.75 2 3\n"
        "S B 0.00 0 7 0.50 1 1 0 0 0.50 1 1\n"
        // C: empty, every statistic absent
        "S C 0.00 0        0 0\n"
        "P I1 0.00 0 5.50 2.054805\n"
        "P I2 0.00 0 0.75 2\n"
        "P I3 0.00 0 5.50 2.054805\n"
        "P I4 0.00 0 5.50 2.054805\n"
        "P I5 0.00 0 0.75 2\n"
        "B I1 0.00 0 0 1 -3 20.00|0.5|-|A 12 12 2000-01-01 0.761506\n"
        "B I2 0.00 0 0 3 -1 1.00|-1.25|7|A 0 -4.5 2000-01-01 0.499633\n"
        "B I3 0.00 0 -1 2 -2 5.50|0.000001|-|A 0 0 2024-02-29 0.052104\n"
        "B I4 0.00 0 0 3 -1 2.00|2|3|A 0 0 2000-01-01 0.3852\n"
        "B I5 0.00 0 1 3 -1 0.50|1|-|B 45 45 2000-01-01 0.04013\n");
  // A: percentile(200, …) is out of range; B: div(10, 0).
  CHECK(join(out.errors) ==
        "E A argument out of range at main.fides:33:50\n"
        "E B division by zero at main.fides:33:8\n");
}
