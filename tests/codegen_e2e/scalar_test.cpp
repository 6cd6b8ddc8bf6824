// Scalar rules end to end: arithmetic, errors with locations, narrowing, lazy
// lets, effective, reference chains, tables, templates.
#include <doctest/doctest.h>

#include "e2e_support.h"

using fides::e2e::compile;
using fides::e2e::join;
using fides::e2e::run;

namespace {

const char* kRecords = R"(
record Org key code {
  code:  text
  name:  text
  level: int
  boss:  Org?
  items: [Item] via org
}
record Item key id {
  id:    text
  org:   Org
  qty:   int
  price: money
  rate:  decimal?
  day:   date
  note:  text
  flag:  bool?
}
)";

const char* kOrgs =
    "code,name,level,boss\n"
    "O1,Alpha,1,\n"
    "O2,Beta,2,O1\n"
    "O3,Gamma,3,O2\n";

std::string header() { return "id,org,qty,price,rate,day,note,flag\n"; }

}  // namespace

TEST_CASE("decimal rounding, money printing and integer division") {
  auto pack = compile({{"main.fides", std::string("pack \"t\" version \"1\"\n") + kRecords + R"(
rule R1 "rounding" {
  for i: Item
  when true
  amount i.price * 1.005
  points i.qty
  message "{i.price / 3}|{i.price * 1.005}|{i.qty / 4}|{round(2.5)}|{round(-2.5)}|{floor(-2.1)}|{round(i.price, 1)}|{0.1 + 0.2}"
}
)"}});
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  auto out = run(*pack, {{"Org", kOrgs},
                         {"Item", header() + "I1,O1,3,10.00,,2024-03-01,A,\n"
                                             "I2,O1,-6,0.05,,2024-03-01,A,\n"}});
  REQUIRE_MESSAGE(out.error.empty(), out.error);
  CHECK(join(out.findings) ==
        "R1 I1 10.05 3 3.333333|10.05|0.75|3|-3|-3|10|0.3\n"
        "R1 I2 0.05 -6 0.016667|0.05|-1.5|3|-3|-3|0.1|0.3\n");
  CHECK(out.errors.empty());
}

TEST_CASE("overflow and division by zero are error rows with the location") {
  auto pack = compile({{"main.fides", std::string("pack \"t\" version \"1\"\n") + kRecords + R"(
rule DIV "division" {
  for i: Item
  when i.qty >= 0
  amount i.price / i.qty
}
rule OVF "overflow" {
  for i: Item
  when i.qty * 4611686018427387904 > 0
}
rule DATE "date range" {
  for i: Item
  when i.day + i.qty years > 2024-01-01
}
)"}});
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  auto out = run(*pack, {{"Org", kOrgs},
                         {"Item", header() + "I1,O1,0,10.00,,2024-03-01,A,\n"
                                             "I2,O1,2,10.00,,2024-03-01,A,\n"
                                             "I3,O1,9000,1.00,,2024-03-01,A,\n"}});
  REQUIRE_MESSAGE(out.error.empty(), out.error);
  CHECK(join(out.findings) == "DIV I2 5.00 0 \nDIV I3 0.00 0 \nDATE I1 0.00 0 \nDATE I2 0.00 0 \n");
  CHECK(join(out.errors) ==
        "DIV I1 division by zero at main.fides:24:10\n"
        "OVF I2 arithmetic overflow at main.fides:28:8\n"
        "OVF I3 arithmetic overflow at main.fides:28:8\n"
        "DATE I3 date out of range at main.fides:32:8\n");
}

TEST_CASE("narrowing, lazy lets, effective, absent optional references") {
  auto pack = compile({{"main.fides", std::string("pack \"t\" version \"1\"\n") + kRecords + R"(
rule NAR "narrowing" {
  for i: Item
  when present(i.rate) and i.rate > 0.5
  amount i.price * i.rate
  message "rate {i.rate} flag {i.flag}"
}
rule LAZY "lazy let" {
  for i: Item
  let x = 100 / i.qty
  when i.qty != 0 and x > 10
  message "{x}"
}
rule EFF "effective" {
  for i: Item
  when true
  effective 2024-03-01 to 2024-03-31 by i.day
}
rule REF "reference chains" {
  for i: Item
  let b = i.org.boss
  when present(b) and present(b.boss)
  message "{i.org.code}<{b.code}<{b.boss.code}:{b.boss.name}"
}
rule NOB "absent boss" {
  for i: Item
  when not present(i.org.boss) or i.org.boss.level > 5
  message "{(i.org.boss ?? i.org).name}"
}
)"}});
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  auto out = run(*pack, {{"Org", kOrgs},
                         {"Item", header() + "I1,O1,0,10.00,0.75,2024-02-29,A,true\n"
                                             "I2,O3,5,10.00,0.25,2024-03-01,A,\n"
                                             "I3,O2,20,2.00,,2024-03-31,A,false\n"
                                             "I4,O3,7,3.00,0.500001,2024-04-01,A,\n"}});
  REQUIRE_MESSAGE(out.error.empty(), out.error);
  CHECK(join(out.findings) ==
        "NAR I1 7.50 0 rate 0.75 flag true\n"
        "NAR I4 1.50 0 rate 0.500001 flag \n"
        "LAZY I2 0.00 0 20\n"
        "LAZY I4 0.00 0 14.285714\n"
        "EFF I2 0.00 0 \n"
        "EFF I3 0.00 0 \n"
        "REF I2 0.00 0 O3<O2<O1:Alpha\n"
        "REF I4 0.00 0 O3<O2<O1:Alpha\n"
        "NOB I1 0.00 0 Alpha\n");
  CHECK(out.errors.empty());
}

// Optional chaining (spec 9.4), natively: an absent link stops the chain
// before any row of the next record is read.
TEST_CASE("optional chaining") {
  auto pack = compile({{"main.fides", std::string("pack \"t\" version \"1\"\n") + kRecords + R"(
rule OC1 "chains" {
  for i: Item
  let up = i.org.boss?.boss?.level
  when true
  points up ?? -1
  message "{i.org.boss?.name ?? "无"}|{i.org.boss?.boss?.code}|{up}|{(i.org.boss?.level ?? 0) == 1}"
}
rule OC2 "narrowed chain" {
  for i: Item
  when present(i.org.boss?.boss) and i.org.boss?.boss.level >= 1
  amount i.price * i.org.boss?.boss.level
  message "{i.org.boss?.boss.name}"
}
)"}});
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  auto out = run(*pack, {{"Org", kOrgs},
                         {"Item", header() + "I1,O1,1,10.00,,2024-02-29,A,\n"
                                             "I2,O2,1,10.00,,2024-03-01,A,\n"
                                             "I3,O3,1,2.00,,2024-03-31,A,\n"}});
  REQUIRE_MESSAGE(out.error.empty(), out.error);
  CHECK(join(out.findings) ==
        "OC1 I1 0.00 -1 无|||false\n"
        "OC1 I2 0.00 -1 Alpha|||true\n"
        "OC1 I3 0.00 1 Beta|O1|1|false\n"
        "OC2 I3 2.00 0 Alpha\n");
  CHECK(out.errors.empty());
}

TEST_CASE("tables, sets, maps, in, like and templates") {
  auto pack = compile({{"main.fides", std::string("pack \"t\" version \"1\"\n") + kRecords + R"(
table caps: map<text, money> from "caps.csv" key "code" value "cap"
table codes: set<text> = {"A", "B", "C"}
table names: map<int, text> = {1: "one", 2: "two"}
param bonus: int = 7
param label: text = "L"
rule TAB "cap" {
  for i: Item
  let cap = caps[i.id]
  let none = "none"
  when present(cap) and i.price > cap
  amount i.price - cap
  message "{cap}/{caps[i.id]!}/{names[i.org.level] ?? none}"
}
rule IN "membership" {
  for i: Item
  when i.note in codes and i.note not in {"B"} and i.qty in {1, 2, 3}
  message "{i.note}"
}
rule MUST "no entry" {
  for i: Item
  when caps[i.note]! > 0
}
rule TPL "template" {
  for i: Item
  let zh = "中文"
  when i.note like "Z%" and not (i.note like "Z\\_%")
  message "{{ {i.qty} {i.price} {i.rate} {i.day} {i.qty > 1} {high} {bonus + 1} {label + i.note} {upper(i.note)} {len(zh)} }}"
}
)"},
                       {"caps.csv", "code,cap\nI1,5.00\nI2,50\nA,1.5\n"}});
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  auto out = run(*pack, {{"Org", kOrgs},
                         {"Item", header() + "I1,O1,1,10.00,,2024-03-01,A,\n"
                                             "I2,O2,2,10.00,,2024-03-01,B,\n"
                                             "I3,O3,9,10.00,,2024-03-01,Zx,\n"
                                             "I4,O3,3,10.00,0.1,2024-03-01,C,\n"}});
  REQUIRE_MESSAGE(out.error.empty(), out.error);
  CHECK(join(out.findings) ==
        "TAB I1 5.00 0 5.00/5.00/one\n"
        "IN I1 0.00 0 A\n"
        "IN I4 0.00 0 C\n"
        "MUST I1 0.00 0 \n"
        "TPL I3 0.00 0 { 9 10.00  2024-03-01 true high 8 LZx ZX 2 }\n");
  CHECK(join(out.errors) ==
        "MUST I2 no entry for key 'B' in table 'caps' at main.fides:41:8\n"
        "MUST I3 no entry for key 'Zx' in table 'caps' at main.fides:41:8\n"
        "MUST I4 no entry for key 'C' in table 'caps' at main.fides:41:8\n");
}

// A rule too large to optimise (codegen/optimize.cpp) is emitted apart at
// code generation level None and joined with the rest of the pack, which
// keeps the machine's level: both halves call and read each other.
TEST_CASE("a pack holding a function too large to optimise: both halves work together") {
  std::string chain = "i.qty";
  for (int k = 1; k <= 2000; ++k) chain += k % 2 ? " + i.qty" : " - i.qty";  // i.qty in all
  auto pack = compile({{"main.fides", std::string("pack \"t\" version \"1\"\n") + kRecords + R"(
def doubled(n: int): int = n * 2
rule Huge "large" {
  for i: Item
  let total = )" + chain + R"(
  when total != doubled(i.qty)
  amount i.price
  message "{i.note}: {total} vs {doubled(i.qty)} at {i.org.name}"
}
rule Small "small" {
  for i: Item
  when doubled(i.qty) > 4
  message "{i.note} {doubled(i.qty)}"
}
)"}});
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  auto out = run(*pack, {{"Org", kOrgs},
                         {"Item", header() + "I1,O1,3,10.00,,2024-03-01,A,\n"
                                             "I2,O2,-6,0.05,,2024-03-01,B,\n"}});
  REQUIRE_MESSAGE(out.error.empty(), out.error);
  CHECK(join(out.findings) ==
        "Huge I1 10.00 0 A: 3 vs 6 at Alpha\n"
        "Huge I2 0.05 0 B: -6 vs -12 at Beta\n"
        "Small I1 0.00 0 A 6\n");
}
