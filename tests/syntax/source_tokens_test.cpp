// The token list parse_file hands out for `fides fmt`: every token, comments
// included, in order, with the roles the parse tree gives them.
#include <doctest/doctest.h>

#include "helpers.h"
#include "syntax/parse_file.h"

using namespace fides;
using syntax::ItemKind;
using syntax::SourceToken;
using syntax::TokenRole;

namespace {

struct Listed {
  std::string text;
  std::vector<SourceToken> tokens;
  Diagnostics diags;
  std::string_view at(size_t i) const { return std::string_view(text).substr(tokens[i].begin, tokens[i].end - tokens[i].begin); }
  // The index of the n-th token (from 0) whose text is `s`.
  size_t find(std::string_view s, int n = 0) const {
    for (size_t i = 0; i < tokens.size(); ++i)
      if (at(i) == s && n-- == 0) return i;
    FAIL("no token " << std::string(s));
    return 0;
  }
};

std::unique_ptr<Listed> list(std::string text) {
  auto out = std::make_unique<Listed>();
  out->text = text;
  SourceManager sm;
  FileId file = sm.add("t.fides", std::move(text));
  ast::Module module;
  syntax::parse_file(file, sm, module, out->diags, &out->tokens);
  return out;
}

}  // namespace

TEST_CASE("comments are listed in order and never reach the parser") {
  auto l = list("# head\nlet a = 1 # tail\nrule R { # open\n  for x: X\n  message # between\n \"{x.y}\" }\n# end");
  CHECK(l->diags.all().empty());
  std::vector<std::string_view> comments;
  for (size_t i = 0; i < l->tokens.size(); ++i)
    if (l->tokens[i].role == TokenRole::comment) comments.push_back(l->at(i));
  CHECK(comments == std::vector<std::string_view>{"# head", "# tail", "# open", "# between", "# end"});
  for (size_t i = 1; i < l->tokens.size(); ++i) CHECK(l->tokens[i - 1].end <= l->tokens[i].begin);
}

TEST_CASE("a comment between `message` and its string keeps the string a template") {
  auto p = test::parse("rule R {\n  message # why\n  \"{ 1 + 2 }\"\n}");
  REQUIRE(p->diags.all().empty());
  CHECK(p->module.expr(p->module.rules[0].message).kids.size() == 1);
}

TEST_CASE("roles come from the parse tree") {
  auto l = list(
      "record R key id {\n  id: text \"编号\"\n  rows: [R] via id\n}\n"
      "param p: int = 1 range 0 to 2 \"参数\"\n"
      "rule X {\n  for r: R\n  when f(-r.n, {1}) > 0 and m[r.id]! != \"\" and r.t < r.u\n}\n"
      "table m: map<text, text?> = {}\n");
  REQUIRE(l->diags.all().empty());
  CHECK(l->tokens[l->find("record")].role == TokenRole::declaration_start);
  CHECK(l->tokens[l->find("{")].role == TokenRole::block_open);
  CHECK(l->tokens[l->find("id", 1)].role == TokenRole::clause_start);
  CHECK(l->tokens[l->find("id", 1)].item == ItemKind::field);
  CHECK(l->tokens[l->find("rows")].item == ItemKind::reverse_field);
  CHECK(l->tokens[l->find("text")].part);
  CHECK(l->tokens[l->find("\"编号\"")].part);
  CHECK(l->tokens[l->find("via")].part);
  CHECK(l->tokens[l->find("param")].item == ItemKind::param);
  CHECK(l->tokens[l->find("=")].part);
  CHECK(l->tokens[l->find("range")].part);
  CHECK(l->tokens[l->find("(")].role == TokenRole::call_open);
  CHECK(l->tokens[l->find("-")].role == TokenRole::prefix_minus);
  CHECK(l->tokens[l->find("{", 2)].role == TokenRole::collection_open);
  CHECK(l->tokens[l->find("[", 1)].role == TokenRole::index_open);
  CHECK(l->tokens[l->find("!")].role == TokenRole::suffix_mark);
  CHECK(l->tokens[l->find("<")].role == TokenRole::plain);  // r.t < r.u
  CHECK(l->tokens[l->find("<", 1)].role == TokenRole::type_open);
  CHECK(l->tokens[l->find("?")].role == TokenRole::suffix_mark);
  CHECK(l->tokens[l->find(">", 1)].role == TokenRole::type_close);
  CHECK(l->tokens[l->find("}", 0)].role == TokenRole::block_close);
}
