// Aggregates over via collections (empty, single, many), all rows of a
// record, and hits(x) across the two strata.
#include <doctest/doctest.h>

#include "e2e_support.h"

using fides::e2e::compile;
using fides::e2e::join;
using fides::e2e::run;

namespace {

const char* kPack = R"(pack "agg" version "1"
record Org key code {
  code:  text
  items: [Item] via org
}
record Item key id {
  id:    text
  org:   Org
  qty:   int
  price: money
  day:   date
  note:  text
  alt:   Org?
}
rule AGG "aggregates" {
  for o: Org
  when true
  amount sum(i.price for i in o.items)
  points count(i in o.items)
  message "{exists(i in o.items where i.qty > 2)} {sum(i.qty for i in o.items)} {min(i.qty for i in o.items)} {max(i.day for i in o.items)} {avg(i.qty for i in o.items)} {avg(i.price for i in o.items)} {count(distinct i.note for i in o.items)} {min(i.note for i in o.items)} {max(i.price for i in o.items where i.qty < 0)}"
}
rule ORD "first and last" {
  for o: Org
  let f = first(i in o.items)
  let l = last(i in o.items)
  let fq = first(i in o.items order by i.qty)
  let lq = last(i in o.items order by i.qty)
  let fn = first(i in o.items where i.note == "zz")
  when present(f) and present(l) and present(fq) and present(lq)
  message "{f.id} {l.id} {fq.id} {lq.id} {present(fn)}"
}
rule ALL "all rows" {
  for i: Item
  when count(j in Item where j.note == i.note) > 1
  message "{count(j in Item)} {count(j in i.org.items where j.id != i.id)}"
}
rule ALT "optional via" {
  for o: Org
  when exists(i in Item where present(i.alt) and i.alt == o)
  message "{count(i in Item where present(i.alt) and i.alt == o)}"
}
rule BIG "a line over 10" {
  for i: Item
  severity high
  verdict definite
  when i.price > 10
  amount i.price
  points 2
}
rule SMALL "a line under 2" {
  for i: Item
  severity low
  when i.price < 2
  amount i.price
  points 1
}
rule HITS "institution with hits" {
  for o: Org
  let fh = first(h in hits(o) order by h.amount)
  when count(h in hits(o)) > 0 and present(fh)
  amount sum(h.amount for h in hits(o))
  points sum(h.points for h in hits(o))
  message "{count(h in hits(o) where h.severity >= medium)}:{fh.subject}|{max(h.rule for h in hits(o))}|{min(h.verdict for h in hits(o))}|{count(distinct h.category for h in hits(o))}"
}
rule SEE "sees no stratum-1 findings" {
  for i: Item
  when count(h in hits(i) where h.rule == "HITS") > 0
}
)";

const char* kOrgs = "code\nA\nB\nC\n";
const char* kItems =
    "id,org,qty,price,day,note,alt\n"
    "I1,A,1,20.00,2024-01-05,x,\n"
    "I2,A,3,1.00,2024-02-01,y,C\n"
    "I3,A,-2,5.50,2024-01-20,x,\n"
    "I4,A,3,2.00,2024-01-01,y,\n"
    "I5,B,7,0.50,2024-03-01,zz,C\n";

}  // namespace

TEST_CASE("aggregates over via collections and all rows") {
  auto pack = compile({{"main.fides", kPack}});
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  auto out = run(*pack, {{"Org", kOrgs}, {"Item", kItems}});
  REQUIRE_MESSAGE(out.error.empty(), out.error);
  CHECK(out.errors.empty());
  CHECK(join(out.findings) ==
        // many
        "AGG A 28.50 4 true 5 -2 2024-02-01 1.25 7.13 2 x 5.50\n"
        // single
        "AGG B 0.50 1 true 7 7 2024-03-01 7 0.50 1 zz \n"
        // empty: sum and count 0, min/max/avg absent
        "AGG C 0.00 0 false 0     0  \n"
        // first/last in input order; by qty: smallest first (I3), largest last with ties to the latest (I4)
        "ORD A 0.00 0 I1 I4 I3 I4 false\n"
        "ORD B 0.00 0 I5 I5 I5 I5 true\n"
        "ALL I1 0.00 0 5 3\n"
        "ALL I2 0.00 0 5 3\n"
        "ALL I3 0.00 0 5 3\n"
        "ALL I4 0.00 0 5 3\n"
        "ALT C 0.00 0 2\n"
        "BIG I1 20.00 2 \n"
        "SMALL I2 1.00 1 \n"
        "SMALL I5 0.50 1 \n"
        // hits(A): AGG A, ORD A, ALL I1..I4, BIG I1, SMALL I2 (stratum 0 only);
        // hits(C): AGG C, ALT C, and through the optional `alt`: ALL I2, SMALL I2, SMALL I5.
        "HITS A 49.50 7 7:A|SMALL|definite|1\n"
        "HITS B 1.00 2 2:B|SMALL|suspicious|1\n"
        "HITS C 1.50 2 3:C|SMALL|suspicious|1\n");
}
