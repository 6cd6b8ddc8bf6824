// Syntax errors: the right code at the right line:column, one per declaration,
// and never a crash or a stack overflow, whatever the input.
#include <doctest/doctest.h>

#include "helpers.h"

using namespace fides;
using namespace fides::test;

namespace {

using Codes = std::vector<std::string>;

Codes codes_of(const std::string& text) {
  auto p = parse(text);
  return codes(p->diags, p->sm);
}

std::string first_message(const std::string& text) {
  auto p = parse(text);
  auto all = p->diags.sorted();
  return all.empty() ? "" : all[0].message.en;
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("a missing '}' names the block and what came instead") {
  std::string text =
      "record Person key id {\n"
      "  id: text\n"
      "\n"
      "rule R { when x }\n";
  auto p = parse(text);
  CHECK(codes(p->diags, p->sm) == Codes{"E0021 1:1"});
  REQUIRE(p->diags.all()[0].notes.size() == 1);
  CHECK(p->sm.position(p->diags.all()[0].notes[0].span.file, p->diags.all()[0].notes[0].span.begin).line == 4);
  CHECK(p->diags.all()[0].message.en == "expected '}' to close record 'Person', found 'rule'");
  CHECK(p->module.rules.size() == 1);  // the next declaration is not lost
  CHECK(first_message("rule R { when x") == "expected '}' to close rule 'R', found end of file");
}

TEST_CASE("unexpected tokens: message, position, one error per declaration") {
  CHECK(codes_of("rule R { when a b c d }") == Codes{"E0020 1:17"});
  CHECK(first_message("rule R { when a b c d }").rfind("unexpected 'b'; expected ", 0) == 0);
  CHECK(codes_of("let a =\nlet b = 1 +\nlet c = 2") == Codes{"E0020 2:1", "E0020 3:1"});
  CHECK(first_message("let a =\nlet b = 1") == "unexpected 'let'; expected an expression");
  CHECK(codes_of("hello world") == Codes{"E0020 1:1"});
  CHECK(codes_of("let x = a < b < c") == Codes{"E0020 1:15"});
  CHECK(codes_of("let x = (a + b") == Codes{"E0025 1:9"});
  CHECK(first_message("let x = (a + b") == "expected ')' to close this '(', found end of file");
  CHECK(codes_of("let x = f(a, (b + c }") == Codes{"E0025 1:14"});
  CHECK(codes_of("let x = f(a b)") == Codes{"E0025 1:10"});
  CHECK(codes_of("record R key id { a: }") == Codes{"E0020 1:22"});
  CHECK(codes_of("rule R { severity }") == Codes{"E0020 1:19"});
  CHECK(codes_of("param p: int") == Codes{"E0020 1:13"});
  CHECK(codes_of("test \"t\" { expect hit }") == Codes{"E0020 1:23"});
}

TEST_CASE("every broken declaration is reported, and good ones are kept") {
  auto p = parse(
      "rule A { when }\n"
      "rule B { when b }\n"
      "rule C { for x T }\n"
      "scorecard S { item \"x\" = }\n"
      "let ok = 1\n");
  CHECK(codes(p->diags, p->sm) == Codes{"E0020 1:15", "E0020 3:16", "E0020 4:26"});
  CHECK(p->module.rules.size() == 1);
  CHECK(p->module.lets.size() == 1);
}

TEST_CASE("the number of syntax errors is capped") {
  auto p = parse(repeat("let a = )\n", 200));
  CHECK(p->diags.error_count() == 51);
  CHECK(codes(p->diags, p->sm).front() == "E0023 1:1");
}

TEST_CASE("literal errors") {
  CHECK(codes_of("let d = 2024-02-30") == Codes{"E0013 1:9"});
  CHECK(first_message("let d = 2024-02-30") == "invalid date '2024-02-30': 2024-02 has 29 days");
  CHECK(codes_of("let d = 2024-13-01") == Codes{"E0013 1:9"});
  CHECK(codes_of("let x = 1.1234567") == Codes{"E0012 1:9"});
  CHECK(codes_of("let x = 99999999999999999999") == Codes{"E0011 1:9"});
  CHECK(codes_of("let x = 99999999999999.5") == Codes{"E0011 1:9"});
  CHECK(codes_of("let x = \"a\\qb\"") == Codes{"E0010 1:11"});
  CHECK(codes_of("let x = \"abc\nlet y = 1") == Codes{"E0004 1:9"});
  CHECK(codes_of("let x = a @ b") == Codes{"E0003 1:11"});
  CHECK(first_message("let x = a @ b") == "unexpected character '@' (U+0040)");
  CHECK(codes_of("let x = f（a）") == Codes{"E0003 1:10", "E0003 1:12"});
  CHECK(codes_of(std::string("let x = a\0b", 11)) == Codes{"E0003 1:10"});
  CHECK(codes_of("scorecard S { reasons 99999999999999999999 }") == Codes{"E0011 1:23"});
}

TEST_CASE("invalid UTF-8 is reported with its position") {
  auto p = parse("let x = 1\nlet 中 = \"\xFF\"");
  CHECK(codes(p->diags, p->sm) == Codes{"E0002 2:10"});
  CHECK(codes_of("\xC3") == Codes{"E0002 1:1"});
  // the rest of the file is still checked; the declaration with the bad byte is skipped
  auto q = parse("let a = 1 \xFF 2\nlet b = 2024-02-30\nlet c = 3");
  CHECK(codes(q->diags, q->sm) == Codes{"E0002 1:11", "E0013 2:9"});
  CHECK(q->module.lets.size() == 2);
}

TEST_CASE("duplicate clauses name the clause and point at the first") {
  auto p = parse("rule R {\n  when a\n  for x: T\n  when b\n}\nscorecard S { base 1 base 2 reasons 1 reasons 2 }");
  CHECK(codes(p->diags, p->sm) == Codes{"E0030 4:3", "E0030 6:22", "E0030 6:39"});
  auto all = p->diags.sorted();
  CHECK(all[0].message.en == "duplicate 'when' clause in rule 'R'");
  REQUIRE(all[0].notes.size() == 1);
  CHECK(p->sm.position(all[0].notes[0].span.file, all[0].notes[0].span.begin).line == 2);
  CHECK(all[1].message.en == "duplicate 'base' clause in scorecard 'S'");
  // the first clause is kept
  REQUIRE(p->module.rules.size() == 1);
  CHECK(p->module.expr(p->module.rules[0].when).name == "a");
}

TEST_CASE("clause checks") {
  CHECK(codes_of("rule R { effective by x }") == Codes{"E0031 1:10"});
  auto p = parse("rule R { when bins x { < 1 => 2 } }");
  CHECK(codes(p->diags, p->sm) == Codes{"E0032 1:33"});
  CHECK(p->module.rules.empty());
  CHECK(codes_of("scorecard S { grade { \"A\" when score > 1 } }") == Codes{"E0033 1:42"});
  CHECK(first_message("scorecard S { grade { \"A\" when score > 1 } }") ==
        "'grade' of scorecard 'S' has no 'otherwise' band");
  CHECK(codes_of("scorecard S { grade { \"A\" otherwise \"B\" when x } }") == Codes{"E0034 1:37"});
  CHECK(codes_of("pack \"a\" version \"1\"\npack \"b\" version \"2\"") == Codes{"E0053 2:1"});
}

TEST_CASE("deep nesting is a diagnostic, never a stack overflow") {
  // 256 levels are fine, whatever opens them; the 257th is reported where it opens
  CHECK(codes_of("let x = " + repeat("(", 256) + "1" + repeat(")", 256)).empty());
  CHECK(codes_of("let x = " + repeat("(", 257) + "1" + repeat(")", 257)) == Codes{"E0022 1:265"});
  CHECK(codes_of("let x = " + repeat("(", 100000)) == Codes{"E0022 1:265"});
  CHECK(codes_of("let x = " + repeat("[{(", 30000)).size() == 1);
  CHECK(codes_of("let x = " + repeat("f(", 256) + "1" + repeat(")", 256)).empty());
  CHECK(codes_of("let x = " + repeat("f(", 257) + "1" + repeat(")", 257)) == Codes{"E0022 1:522"});
  CHECK(codes_of("let x = " + repeat("f(", 100000)).size() == 1);
  CHECK(codes_of("table t: " + repeat("set<", 256) + "text" + repeat(">", 256) + " = {}").empty());
  CHECK(codes_of("table t: " + repeat("set<", 257) + "text" + repeat(">", 257) + " = {}") ==
        Codes{"E0022 1:1034"});
  // prefix chains nest without brackets: each prefix is one level
  CHECK(codes_of("let x = " + repeat("not ", 256) + "a").empty());
  CHECK(codes_of("let x = " + repeat("not ", 257) + "a") == Codes{"E0022 1:1033"});
  CHECK(codes_of("let x = " + repeat("not ", 20000) + "a").size() == 1);
  CHECK(codes_of("let x = " + repeat("- ", 256) + "a").empty());
  CHECK(codes_of("let x = " + repeat("- ", 257) + "a") == Codes{"E0022 1:521"});
  CHECK(codes_of("let x = " + repeat("- ", 20000) + "a").size() == 1);
  CHECK(codes_of("let x = " + repeat("if a then 1 else ", 256) + "2").empty());
  CHECK(codes_of("let x = " + repeat("if a then 1 else ", 257) + "2") == Codes{"E0022 1:4361"});
  CHECK(codes_of("let x = " + repeat("if a then 1 else ", 5000) + "2").size() == 1);
  // a mix counts every level once: 128 brackets and 128 prefixes are 256 levels
  CHECK(codes_of("let x = " + repeat("(-", 128) + "a" + repeat(")", 128)).empty());
  CHECK(codes_of("let x = " + repeat("(-", 128) + "- a" + repeat(")", 128)).size() == 1);
  // long flat chains are loops, not nesting
  CHECK(codes_of("let x = 1" + repeat(" + 1", 20000)).empty());
  CHECK(codes_of("let x = a" + repeat(".b", 20000)).empty());
  CHECK(codes_of("let x = a" + repeat(" and b", 20000)).empty());
  // nesting inside a message template is counted too
  CHECK(codes_of("rule R { message \"{" + repeat("(", 300) + "}\" }").size() == 1);
}

TEST_CASE("odd inputs do not crash") {
  for (const char* text : {"", "\n", "#", "\"", "\\", "{", "}", "rule", "rule R {", "let", "let x = {",
                           "pack", "import", "import \"", "record R key id {", "test \"t\" { given R {",
                           "let x = \"{\"", "rule R { message \"{\" }", "rule R { message \"{\\\"}\" }",
                           "let x = 1 days days", "let x = m[k]!!", "let x = {1: 2, 3}", "let x = {1, 2: 3}",
                           "let x = count(distinct x in C)", "let x = bins x {}"}) {
    CAPTURE(text);
    auto p = parse(text);
    (void)p;
  }
}
