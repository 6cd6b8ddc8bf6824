// Aggregates over `via` collections (empty, single, many), over all rows of a
// record, and over hits(x) in two strata; first/last with order by ties.
#include <doctest/doctest.h>

#include "interp_support.h"

using namespace fides::interp::testing;
using V = std::vector<std::string>;

namespace {
const char* kPack = R"(pack "t" version "1"
record Person key id {
  id: text
  visits: [Visit] via person
}
record Visit key id {
  id: text
  person: Person
  day: date
  cost: money
  n: int
  kind: text
  sev: severity
}
rule A {
  for p: Person
  let has_x = exists(v in p.visits where v.kind == "x")
  when true
  message "{count(v in p.visits)}|{count(v in p.visits where v.n > 1)}|{has_x}|{sum(v.cost for v in p.visits)}|{sum(v.n for v in p.visits)}|{min(v.day for v in p.visits)}|{max(v.cost for v in p.visits)}|{avg(v.n for v in p.visits)}|{avg(v.cost for v in p.visits)}|{count(distinct v.kind for v in p.visits)}|{max(v.sev for v in p.visits)}|{min(v.kind for v in p.visits)}"
}
rule F {
  for p: Person
  let f0 = first(v in p.visits)
  let l0 = last(v in p.visits)
  let f1 = first(v in p.visits order by v.day)
  let l1 = last(v in p.visits order by v.day)
  let f2 = first(v in p.visits where v.n > 0 order by v.cost)
  let l2 = last(v in p.visits where v.n > 0 order by v.cost)
  let f2id = if present(f2) then f2.id else "-"
  let l2id = if present(l2) then l2.id else "-"
  when present(f0) and present(l0) and present(f1) and present(l1)
  message "{f0.id} {l0.id} {f1.id} {l1.id} {f2id} {l2id}"
}
rule ALL {
  for v: Visit
  when count(w in Visit where w.day == v.day) > 1
  message "{count(w in Visit)}"
}
)";

std::map<std::string, std::string> inputs() {
  return {{"Person", "id\nP0\nP1\nP2\n"},
          {"Visit",
           "id,person,day,cost,n,kind,sev\n"
           "V1,P2,2024-03-01,10.00,1,y,low\n"
           "V2,P1,2024-01-05,3.333,2,x,high\n"
           "V3,P2,2024-01-01,10.00,3,z,medium\n"
           "V4,P2,2024-03-01,2.5,0,y,info\n"
           "V5,P2,2024-01-01,10.00,2,z,critical\n"}};
}
}  // namespace

TEST_CASE("aggregates over an empty, a single and a many-row collection") {
  Run r = run("aggregates", kPack, inputs());
  CHECK(r.errors("A") == V{});
  CHECK(r.findings("A") == V{"P0|0.00|0|0|0|false|0.00|0|||||0||",
                             "P1|0.00|0|1|1|true|3.33|2|2024-01-05|3.33|2|3.33|1|high|x",
                             "P2|0.00|0|4|2|false|32.50|6|2024-01-01|10.00|1.5|8.13|2|critical|y"});
}

TEST_CASE("first and last, with and without order by; ties go to the earliest / latest row") {
  Run r = run("first_last", kPack, inputs());
  CHECK(r.errors("F") == V{});
  // P2's visits in input order: V1 (03-01), V3 (01-01), V4 (03-01), V5 (01-01)
  CHECK(r.findings("F") == V{"P1|0.00|0|V2 V2 V2 V2 V2 V2", "P2|0.00|0|V1 V5 V3 V4 V1 V5"});
}

TEST_CASE("a record name as a collection iterates all its rows") {
  Run r = run("all_rows", kPack, inputs());
  CHECK(r.findings("ALL") == V{"V1|0.00|0|5", "V3|0.00|0|5", "V4|0.00|0|5", "V5|0.00|0|5"});
}

TEST_CASE("hits: rules using hits see the first stratum only; scorecards see all findings") {
  std::string src = R"(pack "t" version "1"
record Person key id {
  id: text
  visits: [Visit] via person
}
record Visit key id {
  id: text
  person: Person
  cost: money
}
rule H1 "大额" {
  category "金额"
  severity high
  verdict definite
  for v: Visit
  when v.cost > 5
  amount v.cost
  points 2
}
rule H2 {
  for v: Visit
  when v.cost > 1
  amount 1
  points 1
}
rule U {
  for p: Person
  let hs = hits(p)
  let cheapest = first(h in hits(p) order by h.amount)
  let who = if present(cheapest) then cheapest.subject else ""
  when count(h in hs) > 0
  amount sum(h.amount for h in hits(p))
  points sum(h.points for h in hits(p))
  message "{count(h in hits(p))}|{count(h in hits(p) where h.severity >= high)}|{who}"
}
rule U2 {
  for v: Visit
  when exists(h in hits(v.person) where h.rule == "U")
}
scorecard S {
  for p: Person
  base 100
  item "all" = -count(h in hits(p))
  item "definite" = -10 * count(h in hits(p) where h.verdict == "definite" and h.category == "金额" and h.name == "大额")
  grade { "G" otherwise }
}
)";
  Run r = run("hits", src,
              {{"Person", "id\nP1\nP2\nP3\n"}, {"Visit", "id,person,cost\nV1,P1,10\nV2,P1,3\nV3,P2,0.5\nV4,P3,6\n"}});
  CHECK(r.findings("H1") == V{"V1|10.00|2|", "V4|6.00|2|"});
  CHECK(r.findings("H2") == V{"V1|1.00|1|", "V2|1.00|1|", "V4|1.00|1|"});
  CHECK(r.findings("U") == V{"P1|12.00|4|3|1|V1", "P3|7.00|3|2|1|V4"});
  CHECK(r.findings("U2") == V{});  // U is in the same stratum: invisible
  CHECK(r.scores("S") == V{"P1|86|G|-4,-10", "P2|100|G|0,0", "P3|87|G|-3,-10"});
}
