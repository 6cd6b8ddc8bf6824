// Message templates: parts, literal braces, and spans of embedded expressions
// that point at where they are written (escapes included).
#include <doctest/doctest.h>

#include "helpers.h"

using namespace fides;
using namespace fides::test;

namespace {

// The template of the only rule.
const ast::Expr& message_of(const Parsed& p) {
  REQUIRE(p.module.rules.size() == 1);
  REQUIRE(p.module.rules[0].message.valid());
  return p.module.expr(p.module.rules[0].message);
}

std::string_view text_at(const Parsed& p, ast::ExprId id) {
  Span s = p.module.span(id);
  return p.sm.text(s.file).substr(s.begin, s.end - s.begin);
}

}  // namespace

TEST_CASE("template parts and spans") {
  std::string text = "rule R {\n  message \"项目 {l.item}（{ l.name }）\"\n}";
  auto p = parse(text);
  REQUIRE(p->diags.all().empty());
  const ast::Expr& t = message_of(*p);
  REQUIRE(t.kids.size() == 5);
  CHECK(p->module.expr(t.kids[0]).text == "项目 ");
  CHECK(p->module.expr(t.kids[1]).kind == ast::ExprKind::field);
  CHECK(text_at(*p, t.kids[1]) == "l.item");
  CHECK(p->module.span(t.kids[1]).begin == text.find("l.item"));
  CHECK(text_at(*p, t.kids[2]) == "（");
  CHECK(text_at(*p, t.kids[3]) == "l.name");
  CHECK(p->module.expr(t.kids[4]).text == "）");
  CHECK(text_at(*p, p->module.rules[0].message) == "\"项目 {l.item}（{ l.name }）\"");
}

TEST_CASE("escapes inside and before embedded expressions keep spans right") {
  std::string text = R"(rule R { message "\"\t{f(\"}\", \u{4E2D})}\\{ y }" })";
  auto p = parse(text);
  INFO(rendered(p->diags, p->sm));
  REQUIRE(p->diags.all().empty());
  const ast::Expr& t = message_of(*p);
  REQUIRE(t.kids.size() == 4);
  CHECK(p->module.expr(t.kids[0]).text == "\"\t");
  const ast::Expr& call = p->module.expr(t.kids[1]);
  CHECK(call.kind == ast::ExprKind::call);
  CHECK(text_at(*p, t.kids[1]) == R"(f(\"}\", \u{4E2D}))");
  REQUIRE(call.kids.size() == 2);
  CHECK(p->module.expr(call.kids[0]).text == "}");
  CHECK(text_at(*p, call.kids[0]) == R"(\"}\")");
  CHECK(p->module.expr(call.kids[1]).name == "中");
  CHECK(p->module.expr(t.kids[2]).text == "\\");
  CHECK(text_at(*p, t.kids[3]) == "y");
  CHECK(p->module.span(t.kids[3]).begin == text.rfind('y'));
}

TEST_CASE("literal braces") {
  auto p = parse(R"(rule R { message "{{a}} {b} }}{{ \u{7B}" })");
  REQUIRE(p->diags.all().empty());
  const ast::Expr& t = message_of(*p);
  REQUIRE(t.kids.size() == 3);
  CHECK(p->module.expr(t.kids[0]).text == "{a} ");
  CHECK(p->module.expr(t.kids[1]).name == "b");
  CHECK(p->module.expr(t.kids[2]).text == " }{ {");
  auto e = parse(R"(rule R { message "" })");
  CHECK(message_of(*e).kids.empty());
}

TEST_CASE("template errors") {
  auto p = parse(R"(rule R { message "ab {x" })");
  CHECK(codes(p->diags, p->sm) == std::vector<std::string>{"E0040 1:22"});
  CHECK(p->module.rules.size() == 1);
  auto q = parse(R"(rule R { message "a } b" })");
  CHECK(codes(q->diags, q->sm) == std::vector<std::string>{"E0041 1:21"});
  auto r = parse(R"(rule R { message "a { } b" })");
  CHECK(codes(r->diags, r->sm) == std::vector<std::string>{"E0042 1:21"});
  // a syntax error inside the expression points into the string
  auto s = parse(R"(rule R { message "总额 {a +} 元" })");
  CHECK(codes(s->diags, s->sm) == std::vector<std::string>{"E0020 1:26"});
  auto u = parse(R"(rule R { message "{a @ b}" })");
  CHECK(codes(u->diags, u->sm) == std::vector<std::string>{"E0003 1:22"});
  auto v = parse(R"(rule R { message "{2024-02-30}" })");
  CHECK(codes(v->diags, v->sm) == std::vector<std::string>{"E0013 1:20"});
}

TEST_CASE("string literals inside a template are written with plain quotes") {
  std::string text = R"(rule R { message "结果 {if x then "是" else "否"}：{f("}{", "a\"b\\")} {{}}" })";
  auto p = parse(text);
  INFO(rendered(p->diags, p->sm));
  REQUIRE(p->diags.all().empty());
  const ast::Expr& t = message_of(*p);
  REQUIRE(t.kids.size() == 5);
  CHECK(p->module.expr(t.kids[0]).text == "结果 ");
  const ast::Expr& cond = p->module.expr(t.kids[1]);
  REQUIRE(cond.kind == ast::ExprKind::if_);
  CHECK(p->module.expr(cond.kids[1]).text == "是");
  CHECK(text_at(*p, cond.kids[2]) == "\"否\"");
  CHECK(p->module.span(cond.kids[2]).begin == text.find("\"否\""));
  CHECK(p->module.expr(t.kids[2]).text == "：");
  // braces inside a nested string are literal; its escapes are its own
  const ast::Expr& call = p->module.expr(t.kids[3]);
  REQUIRE(call.kids.size() == 2);
  CHECK(p->module.expr(call.kids[0]).text == "}{");
  CHECK(p->module.expr(call.kids[1]).text == "a\"b\\");
  CHECK(text_at(*p, call.kids[1]) == R"("a\"b\\")");
  CHECK(p->module.expr(t.kids[4]).text == " {}");
}

TEST_CASE("plain quotes in braces make one string only after `message`") {
  // elsewhere `"{" + x + "}"` stays three tokens
  auto p = parse(R"(let s = "{" + x + "}")");
  INFO(rendered(p->diags, p->sm));
  REQUIRE(p->diags.all().empty());
  REQUIRE(p->module.lets.size() == 1);
  CHECK(p->module.expr(p->module.lets[0].value).kind == ast::ExprKind::binary);
  // a field called `message` is still a name
  auto q = parse(R"(let t = r.message == "{" or "}" == "")");
  INFO(rendered(q->diags, q->sm));
  CHECK(q->diags.all().empty());
}

TEST_CASE("errors inside plainly quoted template strings point into the file") {
  auto p = parse(R"(rule R { message "a {f("x", "\q")} b" })");
  CHECK(codes(p->diags, p->sm) == std::vector<std::string>{"E0010 1:30"});
  auto q = parse(R"(rule R { message "a {if x then "是" else +} b" })");
  CHECK(codes(q->diags, q->sm) == std::vector<std::string>{"E0020 1:41"});
}
