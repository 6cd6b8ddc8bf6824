// Sema on parsed source: packs written to temp files, loaded by the parser
// (syntax::load_pack) and checked, as the driver's front end does.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "sema/check.h"
#include "syntax/load_pack.h"

using namespace fides;

namespace {

struct Parsed {
  SourceManager sm;
  ast::Module m;
  Diagnostics diags;
  std::unique_ptr<sema::Program> prog;
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (auto& d : diags.sorted())
      if (d.level == DiagLevel::error) out.emplace_back(diag_code(d.kind));
    return out;
  }
  LineColumn at(size_t i) const {
    auto all = diags.sorted();
    return sm.position(all[i].span.file, all[i].span.begin);
  }
};

const char* kSchema = R"(
record Person "参保人" key id {
  id: text "人员编号"
  gender: text "性别"
  birth: date "出生日期"
  death: date? "死亡日期"
  settlements: [Settlement] via person
}
record Settlement "结算单" key id {
  id: text
  person: Person "人员编号"
  admit: date
  total: money
  days: int?
  lines: [Line] via settlement
}
record Line key id {
  id: text
  settlement: Settlement
  item: text
  qty: int
  price: money
  amount: money
  date: date
}
)";

std::unique_ptr<Parsed> parse(const std::string& name, const std::string& body,
                              const std::vector<std::pair<std::string, std::string>>& files = {}) {
  auto dir = std::filesystem::temp_directory_path() / ("fides_sema_parsed_" + name);
  std::filesystem::create_directories(dir / "tables");
  for (auto& [path, text] : files) std::ofstream(dir / path, std::ios::binary) << text;
  std::string main = (dir / "main.fides").string();
  std::ofstream(main, std::ios::binary) << "pack \"t\" version \"1\"\n" << kSchema << body;
  auto p = std::make_unique<Parsed>();
  syntax::load_pack(main, syntax::LoadOptions{""}, p->sm, p->m, p->diags);
  p->prog = sema::check(p->m, p->sm, p->diags);
  return p;
}

}  // namespace

TEST_CASE("parsed: a valid rule with narrowing, a table and a scorecard") {
  auto p = parse("valid", R"(
param min_qty: int = 2
table female_only: set<text> from "tables/f.csv" column "code"
rule XB001 "限女性" {
  for l: Line
  let p = l.settlement.person
  when l.item in female_only and p.gender == "男" and present(p.death) and l.date > p.death
  amount l.amount
  points 2
  message "{l.item} after death {p.death}, {l.date - p.death} days"
  severity high
}
scorecard C { for s: Person base 100 item "a" = -5 * count(h in hits(s)) limit -50 to 0 grade { "A" when score >= 90 "D" otherwise } reasons 1 }
)",
                  {{"tables/f.csv", "code\nF001\n"}});
  for (auto& d : p->diags.sorted()) MESSAGE(render_text(d, p->sm));
  REQUIRE(p->codes().empty());
  const sema::Program& prog = *p->prog;
  REQUIRE(prog.rules.size() == 1);
  CHECK(prog.rules[0].severity == sema::Severity::high);
  CHECK(sema::type_name(prog, prog.type(prog.rules[0].amount)) == "money");
  CHECK(prog.tables[0].keys.size() == 1);
  CHECK(sema::type_name(prog, prog.scorecards[0].score_type) == "int");
  // the last `p.death` of the when is narrowed to date
  const ast::Expr& when = p->m.expr(prog.rules[0].when);
  ast::ExprId cmp = when.kids[1];
  CHECK(sema::type_name(prog, prog.type(p->m.expr(cmp).kids[1])) == "date");
}

TEST_CASE("parsed: null safety names the field at its position") {
  auto p = parse("null", R"(
rule R1 {
  for l: Line
  let p = l.settlement.person
  when p.death < l.date
}
)");
  REQUIRE(p->codes() == std::vector<std::string>{"E0300"});
  CHECK(p->diags.sorted()[0].message.en == "'p.death' is optional (date?) and cannot be compared");
  CHECK(p->at(0).line == 31);
  CHECK(p->at(0).column == 8);
}

TEST_CASE("parsed: independent errors are all reported, poison does not cascade") {
  auto p = parse("multi", R"(
rule R1 { for l: Line when l.itme == "x" and len(l.itme) > 2 }
rule R2 { for l: Line when l.qty + "1" > 2 points 1.5 }
rule R3 { for l: Line when l.settlement.days * 2 > 3 amount l.item }
)");
  CHECK(p->codes() == std::vector<std::string>{"E0104", "E0104", "E0201", "E0200", "E0300", "E0200"});
}

TEST_CASE("parsed: table errors name the file, line and column") {
  auto p = parse("table_bad", R"(
table cap: map<text, money> from "tables/cap.csv" key "code" value "cap"
table f: set<text> from "tables/f.csv" column "编码"
)",
                  {{"tables/cap.csv", "code,cap\nA,1.5\nB,12O.00\n"}, {"tables/f.csv", "code,name\n"}});
  REQUIRE(p->codes() == std::vector<std::string>{"E0404", "E0403"});
  auto all = p->diags.sorted();
  CHECK(all[0].message.en.find("line 3 column 3: '12O.00' is not a valid money") != std::string::npos);
  CHECK(all[1].help.en == "its columns are 'code', 'name'");
}

TEST_CASE("parsed: tests resolve givens and expectations") {
  auto p = parse("tests", R"(
rule XB001 { for l: Line when l.qty > 1 }
test "t" {
  given Person { id: "P1", gender: "男", birth: 1980-05-01 }
  given Settlement { id: "S1", person: "P1", admit: 2024-03-01, total: 80 }
  given Line { id: "L1", settlement: "S1", item: "F", qty: 2, price: 40.00, amount: 80.00, date: 2024-03-01 }
  expect hit XB001 on "L1" amount 80.00
  expect no hit XB002
}
)");
  CHECK(p->codes() == std::vector<std::string>{"E0523"});
  REQUIRE(p->prog->tests.size() == 1);
  CHECK(p->prog->tests[0].givens.size() == 3);
  CHECK(p->prog->tests[0].givens[1].fields[3].i == 80000000);
}

TEST_CASE("parsed: optional chaining makes the rest of the chain optional") {
  auto p = parse("chain", R"(
record Org key id { id: text  level: int  parent: Org?  note: text? }
record Doc key id { id: text  org: Org?  boss: Doc? }
record Visit key id { id: text  doc: Doc? }
rule C1 {
  for v: Visit
  let a = v.doc?.org?.level
  let b = v.doc?.boss?.org?.parent?.id
  let c = v.doc?.org?.note
  let d = first(x in Doc)?.id
  when present(v.doc?.org) and v.doc?.org.level > 1
  points v.doc?.org.level
}
)");
  for (auto& d : p->diags.sorted()) MESSAGE(render_text(d, p->sm));
  REQUIRE(p->codes().empty());
  const sema::Program& prog = *p->prog;
  const sema::Rule& r = prog.rules[0];
  CHECK(sema::type_name(prog, r.lets[0].type) == "int?");
  CHECK(sema::type_name(prog, r.lets[1].type) == "text?");
  CHECK(sema::type_name(prog, r.lets[2].type) == "text?");  // optional once, not twice
  CHECK(sema::type_name(prog, r.lets[3].type) == "text?");
  // present(v.doc?.org) narrows that path: `.level` after it is an int
  CHECK(sema::type_name(prog, prog.type(r.points)) == "int");
}

TEST_CASE("parsed: optional chaining errors") {
  auto p = parse("chain_bad", R"(
record Org key id { id: text  level: int  parent: Org? }
record Doc key id { id: text  org: Org?  home: Org }
rule C1 { for d: Doc when d.home?.level > 1 }
rule C2 { for d: Doc when (d.org?.parent.level ?? 0) > 1 }
rule C3 { for d: Doc when d.org?.level > 1 }
rule C4 { for d: Doc when present(d.org) and d.org?.level > 1 }
)");
  CHECK(p->codes() == std::vector<std::string>{"E0310", "E0311", "E0300", "E0310"});
  auto all = p->diags.sorted();
  CHECK(all[0].message.en == "'?.' needs an optional value on its left, but 'd.home' has type Org");
  CHECK(all[1].help.en == "continue the chain with '?.level'");
  CHECK(all[2].message.en == "'d.org?.level' is optional (int?) and cannot be compared");
  CHECK(all[3].help.en == "present() proved it present here; write '.level'");
}

TEST_CASE("parsed: param ranges") {
  auto p = parse("ranges", R"(
param a: int = 15 range 1 to 90
param b: money = 0 range -10.5 to 0
param c: date = 2024-01-01 range 2024-01-01 to 2024-12-31
param d: decimal = 1 range 0.5 to 1
param e: int = 0
)");
  for (auto& d : p->diags.sorted()) MESSAGE(render_text(d, p->sm));
  REQUIRE(p->codes().empty());
  const auto& ps = p->prog->params;
  CHECK(ps[0].range_low->i == 1);
  CHECK(ps[0].range_high->i == 90);
  CHECK(ps[1].range_low->i == -10500000);
  CHECK(ps[2].range_high->kind == sema::TypeKind::date);
  CHECK(ps[3].range_high->i == 1000000);
  CHECK_FALSE(ps[4].range_low);
  auto bad = parse("ranges_bad", R"(
param a: int = 0 range 1 to 90
param b: money = 5 range 10 to 1
param c: bool = true range false to true
param d: int = 1 range 0 to 1.5
)");
  CHECK(bad->codes() == std::vector<std::string>{"E0433", "E0432", "E0430", "E0431"});
}

TEST_CASE("parsed: expectations name subjects the test gives; count and error") {
  auto p = parse("expect_forms", R"(
rule XB001 { for l: Line when l.qty > 1 }
test "t" {
  given Person { id: "P1", gender: "男", birth: 1980-05-01 }
  given Settlement { id: "S1", person: "P1", admit: 2024-03-01, total: 80 }
  given Line { id: "L1", settlement: "S1", item: "F", qty: 2, price: 40.00, amount: 80.00, date: 2024-03-01 }
  expect hit XB001 on "L1"
  expect count XB001 == 1
  expect error XB001 on "L1"
  expect no hit XB001 on "TYPO"
  expect error XB001 on "L2"
  expect count XB001 == "1"
}
)");
  CHECK(p->codes() == std::vector<std::string>{"E0540", "E0540", "E0528"});
  auto all = p->diags.sorted();
  CHECK(all[0].message.en == "rule 'XB001' is for Line, and this test gives no Line with key 'TYPO'");
  CHECK(all[0].help.en == "the test gives Line 'L1'");
  const auto& x = p->prog->tests[0].expects;
  REQUIRE(x.size() == 6);
  CHECK(x[1].kind == ast::Expectation::Kind::count);
  CHECK(*x[1].count == 1);
  CHECK(x[2].kind == ast::Expectation::Kind::error);
  CHECK(*x[2].key == "L1");
}
