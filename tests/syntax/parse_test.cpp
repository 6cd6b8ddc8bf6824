// Every construct of the spec parses, into the AST shapes ast.h promises.
#include <doctest/doctest.h>

#include <algorithm>

#include "file_text.h"
#include "helpers.h"
#include "syntax/parse_file.h"

using namespace fides;
using namespace fides::test;

namespace {


const ast::Expr& E(const Parsed& p, ast::ExprId id) {
  REQUIRE(id.valid());
  return p.module.expr(id);
}

}  // namespace

TEST_CASE("the spec's pack parses without diagnostics") {
  auto p = parse(file_text(FIDES_SYNTAX_TESTDATA "/spec_pack.fides"), "spec_pack.fides");
  INFO(rendered(p->diags, p->sm));
  CHECK(p->diags.all().empty());
  REQUIRE(p->file.header);
  CHECK(p->file.header->name.value == "湖南省医保智能监控规则");
  CHECK(p->file.header->version.value == "2024.2");
  REQUIRE(p->file.imports.size() == 2);
  CHECK(p->file.imports[1].path.value == "std/restrictions.fides");
  CHECK(p->module.records.size() == 3);
  CHECK(p->module.params.size() == 2);
  CHECK(p->module.tables.size() == 4);
  CHECK(p->module.lets.size() == 1);
  CHECK(p->module.defs.size() == 1);
  CHECK(p->module.rules.size() == 3);
  CHECK(p->module.scorecards.size() == 2);
  CHECK(p->module.tests.size() == 1);

  const ast::RecordDecl& person = p->module.records[0];
  CHECK(person.name.text == "Person");
  CHECK(person.label->value == "参保人");
  CHECK(person.key.text == "id");
  REQUIRE(person.fields.size() == 5);
  CHECK(person.fields[3].type.optional);
  CHECK(person.fields[4].type.kind == ast::TypeRef::Kind::list);
  CHECK(person.fields[4].type.name == "Settlement");
  CHECK(person.fields[4].via->text == "person");
  // contextual keywords are field names
  const ast::RecordDecl& line = p->module.records[2];
  CHECK(line.fields[7].name.text == "date");
  CHECK(line.fields[8].name.text == "key");
  CHECK(line.fields[8].column->value == "键");

  const ast::TableDecl& cap = p->module.tables[1];
  CHECK(cap.type.kind == ast::TypeRef::Kind::map);
  CHECK(cap.type.args[1].name == "money");
  CHECK(cap.key->value == "项目编码");
  CHECK(cap.value->value == "最高限价");
  CHECK(E(*p, p->module.tables[2].inline_value).kind == ast::ExprKind::set_lit);
  CHECK(E(*p, p->module.tables[3].inline_value).kind == ast::ExprKind::map_lit);
  CHECK(E(*p, p->module.tables[3].inline_value).kids.size() == 4);

  const ast::RuleDecl& xb001 = p->module.rules[0];
  CHECK(xb001.id.text == "XB001");
  CHECK(xb001.category->value == "限性别");
  CHECK(xb001.severity->text == "high");
  CHECK(xb001.verdict->text == "definite");
  CHECK(xb001.for_->var.text == "l");
  CHECK(xb001.for_->record.text == "Line");
  REQUIRE(xb001.lets.size() == 1);
  CHECK(E(*p, xb001.when).binary_op == ast::BinaryOp::and_);
  CHECK(E(*p, xb001.message).kind == ast::ExprKind::template_);
  CHECK(E(*p, xb001.message).kids.size() == 7);
  REQUIRE(xb001.effective);
  CHECK(E(*p, xb001.effective->from).kind == ast::ExprKind::date_lit);
  CHECK(E(*p, xb001.effective->to).kind == ast::ExprKind::date_lit);

  const ast::RuleDecl& r2 = p->module.rules[1];
  CHECK(r2.id.text == "限性别_01");
  CHECK_FALSE(r2.effective->from.valid());
  CHECK(r2.effective->to.valid());

  const ast::ScorecardDecl& card = p->module.scorecards[0];
  CHECK(card.items.size() == 4);
  CHECK(card.items[0].limit_low.valid());
  CHECK_FALSE(card.items[2].limit_low.valid());
  const ast::Expr& bins = E(*p, card.items[3].value);
  CHECK(bins.kind == ast::ExprKind::bins);
  CHECK(bins.band_ops.size() == 2);
  CHECK(bins.kids.size() == 6);
  REQUIRE(card.grades.size() == 5);
  CHECK_FALSE(card.grades[4].condition.valid());
  CHECK(card.reasons->count == 3);
  CHECK_FALSE(card.reasons->highest);
  CHECK(p->module.scorecards[1].reasons->highest);
  CHECK(E(*p, p->module.scorecards[1].items[0].value).band_ops.size() == 4);

  const ast::TestDecl& t = p->module.tests[0];
  CHECK(t.givens.size() == 4);
  CHECK(t.givens[2].fields.size() == 8);
  REQUIRE(t.expects.size() == 5);
  CHECK(t.expects[0].kind == ast::Expectation::Kind::hit);
  CHECK(t.expects[0].key->value == "L1");
  CHECK(E(*p, t.expects[0].amount).int_value == 80'000'000);
  CHECK(t.expects[1].kind == ast::Expectation::Kind::no_hit);
  CHECK_FALSE(t.expects[1].key);
  CHECK(t.expects[2].key->value == "L1");
  CHECK(t.expects[3].kind == ast::Expectation::Kind::score);
  CHECK(E(*p, t.expects[3].score).int_value == 990);
  CHECK(t.expects[3].grade->value == "A");
  CHECK_FALSE(t.expects[4].score.valid());
}

TEST_CASE("a BOM is allowed and spans still point at the right bytes") {
  auto p = parse("\xEF\xBB\xBFpack \"p\" version \"1\"\nlet x = 1");
  CHECK(p->diags.all().empty());
  REQUIRE(p->module.lets.size() == 1);
  CHECK(p->module.lets[0].name.span.begin == 3 + 25);
  // ANTLR's input stream drops a second BOM too; the spans stay right
  auto q = parse("\xEF\xBB\xBF\xEF\xBB\xBFlet x = 1");
  CHECK(q->diags.all().empty());
  REQUIRE(q->module.lets.size() == 1);
  CHECK(q->module.lets[0].name.span.begin == 10);
}

TEST_CASE("Chinese identifiers and contextual keywords as names") {
  auto p = parse(
      "let 违规金额 = count + key.value.amount + score(date, first) + min(a, b)\n"
      "def rule(for: int, when: int): int = for + when\n");
  INFO(rendered(p->diags, p->sm));
  CHECK(p->diags.all().empty());
  REQUIRE(p->module.lets.size() == 1);
  CHECK(p->module.lets[0].name.text == "违规金额");
  REQUIRE(p->module.defs.size() == 1);
  CHECK(p->module.defs[0].name.text == "rule");
  CHECK(p->module.defs[0].params[0].name.text == "for");
}

TEST_CASE("precedence: loosest if, or, and, not, comparison, ??, + -, * /, unary minus, postfix") {
  auto p = parse("let x = if a or b and not c == d ?? e + f * -g.h days then 1 else 2");
  INFO(rendered(p->diags, p->sm));
  REQUIRE(p->diags.all().empty());
  CHECK(dump(*p) ==
        "file 0\n"
        "let x\n"
        "  if\n"
        "    binary or\n"
        "      name a\n"
        "      binary and\n"
        "        name b\n"
        "        unary not\n"
        "          binary ==\n"
        "            name c\n"
        "            binary ??\n"
        "              name d\n"
        "              binary +\n"
        "                name e\n"
        "                binary *\n"
        "                  name f\n"
        "                  unary -\n"
        "                    duration days\n"
        "                      field h\n"
        "                        name g\n"
        "    int 1\n"
        "    int 2\n");
}

TEST_CASE("a minus sign directly before an integer literal makes a negative literal") {
  auto p = parse("let a = -9223372036854775808\nlet b = - 5\nlet c = -5 days\nlet d = --1\n");
  CHECK(p->diags.all().empty());
  CHECK(dump(*p) ==
        "file 0\n"
        "let a\n"
        "  int -9223372036854775808\n"
        "let b\n"
        "  int -5\n"
        "let c\n"
        "  unary -\n"
        "    duration days\n"
        "      int 5\n"
        "let d\n"
        "  unary -\n"
        "    int -1\n");
  auto q = parse("let a = 9223372036854775808\nlet b = -9223372036854775809\n");
  REQUIRE(q->diags.all().size() == 2);
  CHECK(q->diags.all()[0].message.en == "number '9223372036854775808' is out of range");
  CHECK(q->diags.all()[1].message.en == "number '-9223372036854775809' is out of range");
  CHECK(q->diags.all()[1].span.end - q->diags.all()[1].span.begin == 20);  // the sign and the digits
}

TEST_CASE("left-associative arithmetic, right-associative ??") {
  auto p = parse("let x = a - b - c / d / e\nlet y = a ?? b ?? c");
  REQUIRE(p->diags.all().empty());
  CHECK(dump(*p) ==
        "file 0\n"
        "let x\n"
        "  binary -\n"
        "    binary -\n"
        "      name a\n"
        "      name b\n"
        "    binary /\n"
        "      binary /\n"
        "        name c\n"
        "        name d\n"
        "      name e\n"
        "let y\n"
        "  binary ??\n"
        "    name a\n"
        "    binary ??\n"
        "      name b\n"
        "      name c\n");
}

TEST_CASE("durations bind tighter than + and -") {
  auto p = parse("let x = d + 15 days - 2 weeks + 1 months + n years + 1 day");
  REQUIRE(p->diags.all().empty());
  const ast::Expr& top = p->module.expr(p->module.lets[0].value);
  CHECK(top.binary_op == ast::BinaryOp::add);
  CHECK(p->module.expr(top.kids[1]).kind == ast::ExprKind::duration);
  CHECK(p->module.expr(top.kids[1]).duration_unit == ast::DurationUnit::days);
}

TEST_CASE("aggregates and calls") {
  auto p = parse(
      "let a = count(x in C)\n"
      "let b = min(a, b)\n"
      "let c = min(x.v for x in C where x.ok)\n"
      "let d = count(distinct x.item for x in s.lines where x.qty > 0)\n"
      "let e = last(x in C where x.ok order by x.date)\n"
      "let f = present(x)\n");
  INFO(rendered(p->diags, p->sm));
  REQUIRE(p->diags.all().empty());
  auto kind = [&](size_t i) { return p->module.expr(p->module.lets[i].value); };
  CHECK(kind(0).kind == ast::ExprKind::aggregate);
  CHECK(kind(0).aggregate_kind == ast::AggregateKind::count);
  CHECK(kind(0).name == "x");
  CHECK_FALSE(kind(0).kids[1].valid());
  CHECK_FALSE(kind(0).kids[2].valid());
  CHECK(kind(1).kind == ast::ExprKind::call);
  CHECK(kind(1).kids.size() == 2);
  CHECK(kind(2).aggregate_kind == ast::AggregateKind::min);
  CHECK(kind(2).kids[1].valid());
  CHECK(kind(2).kids[2].valid());
  CHECK(kind(3).aggregate_kind == ast::AggregateKind::count_distinct);
  CHECK(kind(4).aggregate_kind == ast::AggregateKind::last);
  CHECK(kind(4).kids[3].valid());
  CHECK(kind(5).kind == ast::ExprKind::call);
  CHECK(kind(5).name == "present");
}

TEST_CASE("median, percentile and stddev: aggregates, and still names elsewhere") {
  auto p = parse(
      "let a = median(x.v for x in C)\n"
      "let b = percentile(90, x.v for x in C where x.ok)\n"
      "let c = stddev(x.v for x in C)\n"
      "let median = percentile + stddev.median\n");
  INFO(rendered(p->diags, p->sm));
  REQUIRE(p->diags.all().empty());
  auto kind = [&](size_t i) { return p->module.expr(p->module.lets[i].value); };
  CHECK(kind(0).aggregate_kind == ast::AggregateKind::median);
  CHECK(kind(0).kids.size() == 4);  // no rank
  CHECK(kind(1).aggregate_kind == ast::AggregateKind::percentile);
  REQUIRE(kind(1).kids.size() == 5);
  CHECK(p->module.expr(kind(1).kids[4]).int_value == 90);  // the rank
  CHECK(kind(1).kids[1].valid());
  CHECK(kind(2).aggregate_kind == ast::AggregateKind::stddev);
  CHECK(p->module.lets[3].name.text == "median");
  CHECK(kind(3).kind == ast::ExprKind::binary);
}

TEST_CASE("comments and line breaks are insignificant") {
  auto p = parse("rule R # a rule\n{ when # the condition\n a\n ==\n 1 for\nx\n:\nT }");
  CHECK(p->diags.all().empty());
  REQUIRE(p->module.rules.size() == 1);
  CHECK(p->module.rules[0].for_->record.text == "T");
}

TEST_CASE("missing for and when are left to sema; the rule is kept") {
  auto p = parse("rule R { amount 1 }\nscorecard S { base 0 }");
  CHECK(p->diags.all().empty());
  CHECK(p->module.rules.size() == 1);
  CHECK_FALSE(p->module.rules[0].when.valid());
  CHECK_FALSE(p->module.rules[0].for_);
  CHECK(p->module.scorecards.size() == 1);
}

TEST_CASE("the grammar's keywords, reserved first") {
  std::vector<std::string> words = syntax::keywords();
  REQUIRE(words.size() > 20);
  CHECK(words.front() == "and");
  CHECK(std::find(words.begin(), words.end(), "false") - words.begin() == 9);  // the ten reserved ones
  CHECK(std::find(words.begin(), words.end(), "scorecard") != words.end());
  CHECK(words.back() == "map");
  auto lowercase = [](const std::string& w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  };
  for (const std::string& w : words) CHECK(lowercase(w));
}
