// Rules, scorecards and tests.
#include "ast_builder.h"

using namespace fides;
using namespace fides::test;
using ast::AggregateKind;
using ast::BinaryOp;

TEST_CASE("a complete rule: severity, verdict, category, effective, lets before use") {
  Builder b;
  b.schema();
  auto r = b.rule("XB001", "l", "Line");
  r.lets.push_back(b.let_("p", [&] { return b.path("l.settlement.person"); }));
  r.when = b.bin(BinaryOp::eq, b.path("p.gender"), b.str("男"));
  r.amount = b.path("l.amount");
  r.points = b.int_(2);
  r.message = b.tmpl({b.str("项目 "), b.path("l.item"), b.path("p.id")});
  r.category = b.str_lit("限性别");
  r.severity = b.id("high");
  r.verdict = b.id("definite");
  r.effective = ast::EffectiveClause{b.date("2024-01-01", 19723), b.date("2025-12-31", 20453), b.path("l.date"), {}};
  b.m.rules.push_back(r);
  auto& p = b.run();
  b.expect_clean();
  const sema::Rule& rule = p.rules[0];
  CHECK(rule.id == "XB001");
  CHECK(rule.var == "l");
  CHECK(p.records[rule.record.index].name == "Line");
  CHECK(rule.severity == sema::Severity::high);
  CHECK(rule.verdict == sema::Verdict::definite);
  CHECK(rule.category == "限性别");
  REQUIRE(rule.lets.size() == 1);
  CHECK(sema::type_name(p, rule.lets[0].type) == "Person");
  CHECK(rule.effective.has_value());
  CHECK(rule.stratum() == 0);
  CHECK(b.type_of(r.message) == "text");
}

TEST_CASE("rule clause errors: missing for/when, severity, verdict, types, let order") {
  Builder b;
  b.schema();
  auto r1 = b.rule("R1", "l", "Line");
  r1.for_.reset();
  r1.when = b.bin(BinaryOp::eq, b.path("l.item"), b.str("x"));  // quiet: no cascade from the missing for
  b.m.rules.push_back(r1);
  auto r2 = b.rule("R2", "l", "Line");  // no when
  r2.severity = b.id("hgh");
  r2.verdict = b.id("sure");
  b.m.rules.push_back(r2);
  auto r3 = b.rule("R3", "l", "Line");
  r3.when = b.bin(BinaryOp::gt, b.name("q"), b.int_(1));  // q used before its let
  r3.lets.push_back(b.let_("q", [&] { return b.path("l.qty"); }));
  r3.amount = b.path("l.item");                                          // E0200
  r3.points = b.bin(BinaryOp::div, b.path("l.qty"), b.int_(2));          // E0200 (decimal, not int)
  r3.message = b.tmpl({b.path("l.settlement")});                         // E0209
  r3.effective = ast::EffectiveClause{b.int_(1), {}, b.path("l.item"), {}};  // two E0200
  b.m.rules.push_back(r3);
  auto r4 = b.rule("R1", "x", "Lin");
  r4.when = b.boolean(true);
  b.m.rules.push_back(r4);
  b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0500", "E0502", "E0503", "E0501", "E0200", "E0200", "E0107", "E0200",
                                              "E0200", "E0209", "E0101", "E0103"});
  auto& all = b.diags.all();
  CHECK(all[0].message.en == "rule 'R1' has no 'for' clause");
  CHECK(b.text(all[0].span) == "R1");
  CHECK(all[1].help.en == "did you mean 'high'?");
  CHECK(all[7].message.en == "the amount must be int, decimal or money, found text");
  CHECK(all[8].message.en == "the points must be int, found decimal");
  CHECK(all[9].help.en == "print one of its fields, e.g. {l.settlement.id}");
}

TEST_CASE("hits() puts a rule in the second stratum, directly or through a def") {
  Builder b;
  b.schema();
  ast::DefDecl d;
  d.name = b.id("n_hits");
  d.params = {{b.id("p"), b.ty("Person")}};
  d.result = b.ty("int");
  d.body = b.agg(AggregateKind::count, "h", b.call("hits", {b.name("p")}),
                 b.bin(BinaryOp::ge, b.path("h.severity"), b.name("medium")));
  b.m.defs.push_back(d);
  auto r1 = b.rule("R1", "p", "Person");
  r1.when = b.bin(BinaryOp::gt, b.call("n_hits", {b.name("p")}), b.int_(2));
  b.m.rules.push_back(r1);
  auto r2 = b.rule("R2", "p", "Person");
  ast::ExprId amt;
  r2.when = b.bin(BinaryOp::gt, amt = b.agg(AggregateKind::sum, "h", b.call("hits", {b.name("p")}), {}, b.path("h.amount")),
                  b.int_(100));
  r2.message = b.tmpl({b.agg(AggregateKind::count, "h", b.call("hits", {b.name("p")}),
                             b.bin(BinaryOp::eq, b.path("h.verdcit"), b.str("definite")))});
  b.m.rules.push_back(r2);
  auto r3 = b.rule("R3", "p", "Person");
  r3.when = b.boolean(true);
  b.m.rules.push_back(r3);
  auto& p = b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0123"});
  CHECK(b.diags.all()[0].help.en == "did you mean 'verdict'?");
  CHECK(p.defs[0].uses_hits);
  CHECK(p.rules[0].uses_hits);
  CHECK(p.rules[1].uses_hits);
  CHECK(!p.rules[2].uses_hits);
  CHECK(b.type_of(amt) == "money");
}

namespace {
ast::ScoreItem item(Builder& b, const std::string& label, ast::ExprId v, ast::ExprId lo = {}, ast::ExprId hi = {}) {
  ast::ScoreItem it;
  it.label = b.str_lit(label);
  it.value = v;
  it.limit_low = lo;
  it.limit_high = hi;
  it.span = it.label.span;
  return it;
}
ast::GradeBand band(Builder& b, const std::string& g, ast::ExprId cond) {
  ast::GradeBand gb;
  gb.grade = b.str_lit(g);
  gb.condition = cond;
  gb.span = gb.grade.span;
  return gb;
}
}  // namespace

TEST_CASE("a scorecard: int score, limits, grades with score in scope, reasons") {
  Builder b;
  b.schema();
  ast::ScorecardDecl s;
  s.name = b.id("机构信用");
  s.for_ = ast::ForClause{b.id("i"), b.id("Institution"), {}};
  s.base = b.int_(1000);
  s.items.push_back(item(b, "违规疑点",
                         b.bin(BinaryOp::mul, b.un(ast::UnaryOp::neg, b.int_(5)),
                               b.agg(AggregateKind::count, "h", b.call("hits", {b.name("i")}),
                                     b.bin(BinaryOp::ge, b.path("h.severity"), b.name("medium")))),
                         b.un(ast::UnaryOp::neg, b.int_(300)), b.int_(0)));
  s.items.push_back(item(b, "违规金额",
                         b.un(ast::UnaryOp::neg,
                              b.call("floor", {b.bin(BinaryOp::div,
                                                     b.agg(AggregateKind::sum, "h", b.call("hits", {b.name("i")}), {},
                                                           b.path("h.amount")),
                                                     b.int_(10000))}))));
  ast::ExprId score_use;
  s.grades.push_back(band(b, "A", b.bin(BinaryOp::ge, score_use = b.name("score"), b.int_(900))));
  s.grades.push_back(band(b, "D", {}));
  s.reasons = ast::ReasonsClause{3, false, {}};
  b.m.scorecards.push_back(s);
  auto& p = b.run();
  b.expect_clean();
  const sema::Scorecard& sc = p.scorecards[0];
  CHECK(sema::type_name(p, sc.score_type) == "int");
  REQUIRE(sc.items.size() == 2);
  CHECK(sc.items[0].limit_low->i == -300);
  CHECK(sc.items[0].limit_high->i == 0);
  CHECK(sc.grades.size() == 2);
  CHECK(sc.reasons == 3);
  CHECK(p.resolution(score_use).kind == sema::RefKind::score);
}

TEST_CASE("scorecard errors: for, items, limits, grades, reasons; a decimal item makes a decimal score") {
  Builder b;
  b.schema();
  ast::ScorecardDecl s;
  s.name = b.id("S");
  s.for_ = ast::ForClause{b.id("i"), b.id("Institution"), {}};
  s.base = b.int_(100);
  s.items.push_back(item(b, "a", b.dec("0.5", 500000), b.int_(5), b.int_(1)));        // E0511
  s.items.push_back(item(b, "a", b.str("x")));                                        // E0101, E0200
  s.items.push_back(item(b, "c", b.int_(1), b.path("i.level"), b.int_(3)));           // E0510
  s.grades.push_back(band(b, "A", b.name("score")));                                  // E0200 (decimal, not bool)
  s.grades.push_back(band(b, "D", {}));
  s.grades.push_back(band(b, "E", b.boolean(true)));                                  // E0034
  s.reasons = ast::ReasonsClause{0, false, {}};                                       // E0514
  b.m.scorecards.push_back(s);
  ast::ScorecardDecl s2;
  s2.name = b.id("T");
  s2.base = b.int_(0);
  s2.grades.push_back(band(b, "A", b.boolean(true)));                                 // E0033
  b.m.scorecards.push_back(s2);                                                       // E0500 first
  auto& p = b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0511", "E0101", "E0200", "E0510", "E0200", "E0034", "E0514", "E0500",
                                              "E0033"});
  CHECK(sema::type_name(p, p.scorecards[0].score_type) == "decimal");
  CHECK(b.diags.all()[4].message.en == "a grade condition must be bool, found decimal");
}

namespace {
ast::FieldInit init(Builder& b, const std::string& f, ast::ExprId v) { return ast::FieldInit{b.id(f), v}; }
ast::GivenClause given(Builder& b, const std::string& rec, std::vector<ast::FieldInit> fields) {
  ast::GivenClause g;
  g.record = b.id(rec);
  g.fields = std::move(fields);
  g.span = g.record.span;
  return g;
}
}  // namespace

TEST_CASE("tests: givens against schemas, expectations against rules and scorecards") {
  Builder b;
  b.schema();
  auto r = b.rule("XB001", "l", "Line");
  r.when = b.boolean(true);
  b.m.rules.push_back(r);
  ast::ScorecardDecl s;
  s.name = b.id("机构信用");
  s.for_ = ast::ForClause{b.id("i"), b.id("Institution"), {}};
  s.base = b.int_(1000);
  s.grades.push_back(band(b, "A", b.boolean(true)));
  s.grades.push_back(band(b, "D", {}));
  b.m.scorecards.push_back(s);

  ast::TestDecl t;
  t.name = b.str_lit("男性患者");
  t.givens.push_back(given(b, "Institution", {init(b, "code", b.str("H1")), init(b, "name", b.str("某医院")),
                                               init(b, "level", b.int_(2))}));
  t.givens.push_back(given(b, "Person", {init(b, "id", b.str("P1")), init(b, "gender", b.str("男")),
                                          init(b, "birth", b.date("1980-05-01", 3773))}));
  t.givens.push_back(given(b, "Settlement",
                           {init(b, "id", b.str("S1")), init(b, "person", b.str("P1")), init(b, "institution", b.str("H1")),
                            init(b, "kind", b.str("门诊")), init(b, "admit", b.date("2024-03-01", 19783)),
                            init(b, "discharge", b.date("2024-03-01", 19783)), init(b, "total", b.dec("80.00", 80000000))}));
  t.givens.push_back(given(b, "Line",
                           {init(b, "id", b.str("L1")), init(b, "settlement", b.str("S1")), init(b, "item", b.str("F001")),
                            init(b, "qty", b.int_(1)), init(b, "price", b.dec("80.00", 80000000)),
                            init(b, "amount", b.dec("80.00", 80000000)), init(b, "date", b.date("2024-03-01", 19783))}));
  ast::Expectation e1;
  e1.kind = ast::Expectation::Kind::hit;
  e1.target = b.id("XB001");
  e1.key = b.str_lit("L1");
  e1.amount = b.dec("80.00", 80000000);
  t.expects.push_back(e1);
  ast::Expectation e2;
  e2.kind = ast::Expectation::Kind::score;
  e2.target = b.id("机构信用");
  e2.key = b.str_lit("H1");
  e2.score = b.int_(990);
  e2.grade = b.str_lit("A");
  t.expects.push_back(e2);
  b.m.tests.push_back(t);
  auto& p = b.run();
  b.expect_clean();
  REQUIRE(p.tests.size() == 1);
  const sema::Test& pt = p.tests[0];
  REQUIRE(pt.givens.size() == 4);
  CHECK(pt.givens[1].fields[3].absent);                 // death omitted: absent
  CHECK(pt.givens[2].fields[1].text == "P1");           // the reference holds the key
  CHECK(pt.givens[2].fields[4].i == 19783);
  CHECK(pt.givens[2].fields[6] == sema::Value::of_int(sema::TypeKind::money, 80000000));
  REQUIRE(pt.expects.size() == 2);
  CHECK(pt.expects[0].target == 0);
  CHECK(pt.expects[0].amount->i == 80000000);
  CHECK(pt.expects[1].score->i == 990);
}

TEST_CASE("test errors: records, fields, values, missing fields, keys, references, targets") {
  Builder b;
  b.schema();
  auto r = b.rule("XB001", "l", "Line");
  r.when = b.boolean(true);
  b.m.rules.push_back(r);
  ast::TestDecl t;
  t.name = b.str_lit("t");
  t.givens.push_back(given(b, "Persn", {}));                                                          // E0103
  t.givens.push_back(given(b, "Person", {init(b, "id", b.str("P1")), init(b, "gendre", b.str("男")),  // E0104
                                          init(b, "birth", b.str("1980")),                             // E0521
                                          init(b, "settlements", b.str("S1"))}));                      // E0522
  t.givens.push_back(given(b, "Institution", {init(b, "code", b.str("H2")), init(b, "name", b.str("x"))}));  // E0520
  t.givens.push_back(given(b, "Person", {init(b, "id", b.str("P1")), init(b, "gender", b.str("女")),
                                          init(b, "birth", b.date("1980-05-01", 3773))}));            // E0526
  t.givens.push_back(given(b, "Institution", {init(b, "code", b.str("H1")), init(b, "name", b.str("x")),
                                               init(b, "level", b.int_(1))}));
  t.givens.push_back(given(b, "Settlement",
                           {init(b, "id", b.str("S1")), init(b, "person", b.str("P9")), init(b, "institution", b.str("H1")),
                            init(b, "kind", b.str("门诊")), init(b, "admit", b.date("2024-03-01", 19783)),
                            init(b, "discharge", b.date("2024-03-01", 19783)), init(b, "total", b.int_(80))}));  // E0527
  ast::Expectation e1;
  e1.kind = ast::Expectation::Kind::no_hit;
  e1.target = b.id("XB01");  // E0523
  t.expects.push_back(e1);
  ast::Expectation e2;
  e2.kind = ast::Expectation::Kind::score;
  e2.target = b.id("nope");  // E0524
  t.expects.push_back(e2);
  ast::Expectation e3;
  e3.kind = ast::Expectation::Kind::hit;
  e3.target = b.id("XB001");
  e3.amount = b.str("80");  // E0528
  t.expects.push_back(e3);
  b.m.tests.push_back(t);
  b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0103", "E0104", "E0521", "E0522", "E0520", "E0526", "E0527", "E0523",
                                              "E0524", "E0528"});
  auto& all = b.diags.all();
  CHECK(all[1].help.en == "did you mean 'gender'?");
  CHECK(all[4].message.en == "given Institution omits non-optional field(s) 'level'");
  CHECK(all[7].message.en == "no rule named 'XB01'");
  CHECK(all[7].help.en == "did you mean 'XB001'?");
}
