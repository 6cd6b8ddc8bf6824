// Reference chains (with absent optional references), record equality,
// tables (sets, maps, inline and from files), set and map literals, m[k]!.
#include <doctest/doctest.h>

#include "interp_support.h"

using namespace fides::interp::testing;
using V = std::vector<std::string>;

namespace {
const char* kRecords = R"(
record Inst key code {
  code: text
  level: int
  doctors: [Doctor] via inst
  settlements: [Settlement] via inst
}
record Doctor key code {
  code: text
  inst: Inst
  visits: [Settlement] via doctor
}
record Person key id {
  id: text
  gender: text
  settlements: [Settlement] via person
}
record Settlement key id {
  id: text
  person: Person
  inst: Inst
  doctor: Doctor?
  total: money
  lines: [Line] via settlement
}
record Line key id {
  id: text
  settlement: Settlement
  item: text
  price: money
  qty: int
}
)";

std::map<std::string, std::string> inputs() {
  return {{"Inst", "code,level\nH1,3\nH2,1\n"},
          {"Doctor", "code,inst\nD1,H1\nD2,H2\n"},
          {"Person", "id,gender\nP1,男\nP2,女\n"},
          {"Settlement", "id,person,inst,doctor,total\nS1,P1,H1,D1,100\nS2,P1,H1,D2,50\nS3,P2,H2,,70\n"},
          {"Line", "id,settlement,item,price,qty\nL1,S1,A001,10,1\nL2,S1,B002,20.5,2\nL3,S3,Z9,5,3\nL4,S2,A001,7,1\n"}};
}
}  // namespace

TEST_CASE("reference chains, absent optional references and record equality") {
  std::string src = std::string(R"(pack "t" version "1")") + kRecords + R"(
rule C1 {
  for l: Line
  let s = l.settlement
  when s.person.gender == "男" and present(s.doctor) and s.doctor.inst == s.inst
  message "{s.person.id} {s.doctor.code} {s.doctor.inst.level}"
}
rule C2 {
  for s: Settlement
  when not present(s.doctor) or s.doctor.inst != s.inst
  message "{s.id}"
}
)";
  Run r = run("references", src, inputs());
  CHECK(r.findings("C1") == V{"L1|0.00|0|P1 D1 3", "L2|0.00|0|P1 D1 3"});
  CHECK(r.findings("C2") == V{"S2|0.00|0|S2", "S3|0.00|0|S3"});
}

TEST_CASE("table membership, map lookups and m[k]!") {
  std::string src = std::string(R"(pack "t" version "1")") + kRecords + R"(
table listed: set<text> from "tables/listed.csv" column "项目编码"
table cap: map<text, money> from "tables/cap.csv" key "项目编码" value "最高限价"
table levels: set<int> = {2, 3}
table factor: map<int, decimal> = {1: 1.00, 3: 1.10}
rule T1 {
  for l: Line
  when l.item in listed and l.item not in {"B002", "C003"} and l.settlement.inst.level in levels
}
rule T2 {
  for l: Line
  when l.price > cap[l.item]!
  amount l.price - cap[l.item]!
}
rule T3 {
  for l: Line
  let c = cap[l.item]
  let m = {"A001": 5, "y": 2}
  when true
  message "{c}|{cap[l.item] ?? 0}|{factor[l.settlement.inst.level] ?? 9}|{m[l.item] ?? 0}"
}
rule T4 {
  for l: Line
  when l.qty in {1, 2} and l.item in {"A001": 1.5}
}
)";
  std::map<std::string, std::string> files = {
      {"tables/listed.csv", "项目编码,名称\nA001,甲\nB002,乙\n"},
      {"tables/cap.csv", "项目编码,最高限价\nB002,20.00\nA001,8.5\n"}};
  Run r = run("tables", src, inputs(), files);
  CHECK(r.findings("T1") == V{"L1|0.00|0|", "L4|0.00|0|"});
  CHECK(r.findings("T2") == V{"L1|1.50|0|", "L2|0.50|0|"});
  CHECK(r.errors("T2") == V{"L3|no entry for key 'Z9' in table 'cap' at " + where(src, "cap[l.item]!")});
  CHECK(r.findings("T3") == V{"L1|0.00|0|8.50|8.50|1.1|5", "L2|0.00|0|20.00|20.00|1.1|0",
                              "L3|0.00|0||0.00|1|0", "L4|0.00|0|8.50|8.50|1.1|5"});
  CHECK(r.findings("T4") == V{"L1|0.00|0|", "L4|0.00|0|"});
}

TEST_CASE("m[k]! prints the key as output files do") {
  std::string src = R"(pack "t" version "1"
record R key id {
  id: text
  d: date
  x: decimal
}
table by_date: map<date, int> = {2024-01-01: 1}
table by_dec: map<decimal, int> = {1.5: 1}
rule K1 {
  for r: R
  when by_date[r.d]! > 0
}
rule K2 {
  for r: R
  when by_dec[r.x]! > 0
}
)";
  Run r = run("map_keys", src, {{"R", "id,d,x\na,2024-01-01,1.5\nb,2024-02-03,2.250\n"}});
  CHECK(r.errors("K1") == V{"b|no entry for key '2024-02-03' in table 'by_date' at " + where(src, "by_date[r.d]!")});
  CHECK(r.errors("K2") == V{"b|no entry for key '2.25' in table 'by_dec' at " + where(src, "by_dec[r.x]!")});
  CHECK(r.findings("K1") == V{"a|0.00|0|"});
}

// Optional chaining (spec 9.4): the chain stops at the first absent link; a
// plain `.` continues it; present(a?.f) narrows that path.
TEST_CASE("optional chaining") {
  std::string src = std::string(R"(pack "t" version "1")") + kRecords + R"(
rule OC1 {
  for l: Line
  let lvl = l.settlement.doctor?.inst.level
  when true
  points lvl ?? -1
  message "{l.settlement.doctor?.code ?? "无"}|{lvl}|{if present(lvl) then "有" else "无"}"
}
rule OC2 {
  for s: Settlement
  let f = first(x in s.lines where x.qty > 1 order by x.id)
  when present(f?.settlement.doctor) and f?.settlement.doctor.inst.level > 1
  message "{f?.id}|{f?.settlement.doctor.code}"
}
)";
  Run r = run("optional_chaining", src, inputs());
  CHECK(r.findings("OC1") == V{"L1|0.00|3|D1|3|有", "L2|0.00|3|D1|3|有", "L3|0.00|-1|无||无", "L4|0.00|1|D2|1|有"});
  CHECK(r.findings("OC2") == V{"S1|0.00|0|L2|D1"});
  CHECK(r.errors("OC1").empty());
}
