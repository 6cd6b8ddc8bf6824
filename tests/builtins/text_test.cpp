#include <cstring>

#include "test_util.h"

using namespace fides_test;

namespace {

std::string substr(std::string_view s, int64_t start, int64_t len) {
  fides_str r = fides_text_substr(S(s), start, len);
  if (r.len > 0) {  // always a slice of the argument
    CHECK(r.ptr >= s.data());
    CHECK(r.ptr + r.len <= s.data() + s.size());
  }
  return str(r);
}

std::string trim(std::string_view s) { return str(fides_text_trim(S(s))); }

}  // namespace

TEST_CASE("len counts code points") {
  CHECK(fides_text_len(S("")) == 0);
  CHECK(fides_text_len(fides_str{nullptr, 0}) == 0);
  CHECK(fides_text_len(S("abc")) == 3);
  CHECK(fides_text_len(S("限女性")) == 3);
  CHECK(fides_text_len(S("A限1")) == 3);
  CHECK(fides_text_len(S("\xF0\x9F\x98\x80")) == 1);  // U+1F600, 4 bytes
  CHECK(fides_text_len(S(std::string_view("a\0b", 3))) == 3);
}

TEST_CASE("len and validity of malformed UTF-8: each bad byte is one unit") {
  CHECK(fides_text_len(S("\x80")) == 1);            // stray continuation
  CHECK(fides_text_len(S("\xE4\xB8")) == 2);        // truncated 3-byte sequence
  CHECK(fides_text_len(S("\xE4\xB8" "a")) == 3);
  CHECK(fides_text_len(S("\xC0\xAF")) == 2);        // overlong '/'
  CHECK(fides_text_len(S("\xE0\x80\xAF")) == 3);    // overlong
  CHECK(fides_text_len(S("\xED\xA0\x80")) == 3);    // surrogate U+D800
  CHECK(fides_text_len(S("\xF4\x90\x80\x80")) == 4);  // > U+10FFFF
  CHECK(fides_text_len(S("\xFF\xFE")) == 2);
  CHECK(fides_text_len(S("\xF0\x9F\x98")) == 3);    // truncated 4-byte
  CHECK(fides_utf8_valid(S("")));
  CHECK(fides_utf8_valid(S("限女性 abc \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF \xEF\xBF\xBF")));
  CHECK_FALSE(fides_utf8_valid(S("\x80")));
  CHECK_FALSE(fides_utf8_valid(S("ab\xE4\xB8")));
  CHECK_FALSE(fides_utf8_valid(S("\xC0\xAF")));
  CHECK_FALSE(fides_utf8_valid(S("\xC1\xBF")));
  CHECK_FALSE(fides_utf8_valid(S("\xED\xA0\x80")));
  CHECK_FALSE(fides_utf8_valid(S("\xF4\x90\x80\x80")));
  CHECK_FALSE(fides_utf8_valid(S("\xF5\x80\x80\x80")));
  CHECK_FALSE(fides_utf8_valid(S("\xE0\x9F\xBF")));
  CHECK_FALSE(fides_utf8_valid(S("\xF0\x8F\xBF\xBF")));
  CHECK(fides_utf8_valid(S("\xED\x9F\xBF")));  // U+D7FF, just below the surrogates
}

TEST_CASE("equality and ordering compare bytes") {
  CHECK(fides_text_eq(S("男"), S("男")));
  CHECK_FALSE(fides_text_eq(S("男"), S("女")));
  CHECK_FALSE(fides_text_eq(S("a"), S("ab")));
  CHECK(fides_text_eq(S(""), fides_str{nullptr, 0}));
  CHECK(fides_text_cmp(S("a"), S("b")) < 0);
  CHECK(fides_text_cmp(S("b"), S("a")) > 0);
  CHECK(fides_text_cmp(S("a"), S("ab")) < 0);
  CHECK(fides_text_cmp(S("ab"), S("a")) > 0);
  CHECK(fides_text_cmp(S(""), S("")) == 0);
  CHECK(fides_text_cmp(S("Z"), S("a")) < 0);
  CHECK(fides_text_cmp(S("\x7F"), S("\xC2\x80")) < 0);                 // U+007F < U+0080
  CHECK(fides_text_cmp(S("\xEF\xBF\xBF"), S("\xF0\x90\x80\x80")) < 0);  // U+FFFF < U+10000
  CHECK(fides_text_cmp(S("女"), S("男")) < 0);                           // U+5973 < U+7537
}

TEST_CASE("starts_with, ends_with, contains") {
  CHECK(fides_text_starts_with(S("O72.0"), S("O")));
  CHECK(fides_text_starts_with(S("abc"), S("")));
  CHECK(fides_text_starts_with(S("abc"), S("abc")));
  CHECK_FALSE(fides_text_starts_with(S("abc"), S("abcd")));
  CHECK_FALSE(fides_text_starts_with(S(""), S("a")));
  CHECK(fides_text_ends_with(S("阴道镜检查"), S("检查")));
  CHECK(fides_text_ends_with(S("abc"), S("")));
  CHECK_FALSE(fides_text_ends_with(S("bc"), S("abc")));
  CHECK(fides_text_contains(S("阴道镜检查"), S("镜")));
  CHECK(fides_text_contains(S("abc"), S("")));
  CHECK(fides_text_contains(S(""), S("")));
  CHECK_FALSE(fides_text_contains(S(""), S("a")));
  CHECK(fides_text_contains(S("aaab"), S("aab")));
  CHECK(fides_text_contains(S("xabcabd"), S("abd")));
  CHECK_FALSE(fides_text_contains(S("xabcab"), S("abd")));
  CHECK(fides_text_contains(S("abc"), S("c")));
  CHECK_FALSE(fides_text_contains(S("ab"), S("abc")));
  CHECK(fides_text_contains(S(std::string_view("a\0b", 3)), S(std::string_view("\0b", 2))));
}

TEST_CASE("substr is 1-based, counts code points and clamps") {
  CHECK(substr("abcdef", 1, 3) == "abc");
  CHECK(substr("abcdef", 2, 3) == "bcd");
  CHECK(substr("abcdef", 4, 99) == "def");
  CHECK(substr("abcdef", 6, 1) == "f");
  CHECK(substr("abcdef", 7, 1) == "");
  CHECK(substr("abcdef", 0, 2) == "a");    // window [0, 2) ∩ [1, 7)
  CHECK(substr("abcdef", -1, 3) == "a");
  CHECK(substr("abcdef", -5, 3) == "");
  CHECK(substr("abcdef", 2, 0) == "");
  CHECK(substr("abcdef", 2, -1) == "");
  CHECK(substr("abcdef", INT64_MIN, INT64_MAX) == "");
  CHECK(substr("abcdef", INT64_MAX, INT64_MAX) == "");
  CHECK(substr("abcdef", 3, INT64_MAX) == "cdef");
  CHECK(substr("abcdef", INT64_MIN, 5) == "");
  CHECK(substr("", 1, 1) == "");
  CHECK(str(fides_text_substr(fides_str{nullptr, 0}, 1, 1)) == "");
  CHECK(substr("湖南省医保", 3, 2) == "省医");
  CHECK(substr("湖南省医保", 1, 1) == "湖");
  CHECK(substr("H4301A限女性", 6, 3) == "A限女");
  CHECK(str(fides_text_substr_from(S("湖南省医保"), 4)) == "医保");
  CHECK(str(fides_text_substr_from(S("abc"), -3)) == "abc");
  CHECK(str(fides_text_substr_from(S("abc"), 4)) == "");
  CHECK(str(fides_text_substr_from(S("abc"), INT64_MAX)) == "");
  CHECK(str(fides_text_substr_from(fides_str{nullptr, 0}, 1)) == "");
}

TEST_CASE("substr over malformed UTF-8 never splits or overruns") {
  std::string_view bad("a\xE4\xB8" "b\x80", 5);  // a, E4, B8, b, 80 = 5 units
  CHECK(fides_text_len(S(bad)) == 5);
  CHECK(substr(bad, 2, 2) == "\xE4\xB8");
  CHECK(substr(bad, 4, 5) == "b\x80");
  std::string_view trunc("\xE4\xB8\xAD\xE4\xB8", 5);  // 中 + truncated
  CHECK(substr(trunc, 1, 1) == "中");
  CHECK(substr(trunc, 2, 10) == "\xE4\xB8");
  CHECK(substr(trunc, 3, 1) == "\xB8");
}

TEST_CASE("trim removes ASCII whitespace and U+3000") {
  CHECK(trim("  abc  ") == "abc");
  CHECK(trim("\t\r\n\v\fabc\r\n") == "abc");
  CHECK(trim("\xE3\x80\x80张三\xE3\x80\x80") == "张三");
  CHECK(trim(" \xE3\x80\x80 张 三 \xE3\x80\x80 ") == "张 三");
  CHECK(trim("") == "");
  CHECK(trim("   ") == "");
  CHECK(trim("\xE3\x80\x80\xE3\x80\x80") == "");
  CHECK(trim("abc") == "abc");
  CHECK(trim("\xC2\xA0" "a") == "\xC2\xA0" "a");  // NBSP is not trimmed
  CHECK(trim("\xE3\x80") == "\xE3\x80");           // a truncated U+3000 is not one
  CHECK(trim("a\xE3\x80") == "a\xE3\x80");
  CHECK(trim(std::string_view("\x80\x80 ", 3)) == "\x80\x80");
  CHECK(str(fides_text_trim(fides_str{nullptr, 0})) == "");
}

TEST_CASE("upper, lower and concat allocate in the arena") {
  fides_arena a;
  fides_arena_init(&a, 0);
  fides_str r{};
  CHECK(fides_text_upper(&a, S("abc-xyz 限z"), &r) == FIDES_OK);
  CHECK(str(r) == "ABC-XYZ 限Z");
  CHECK(fides_text_lower(&a, S("ABC-XYZ 限Z"), &r) == FIDES_OK);
  CHECK(str(r) == "abc-xyz 限z");
  CHECK(fides_text_upper(&a, S("ａｂ"), &r) == FIDES_OK);  // fullwidth: unchanged
  CHECK(str(r) == "ａｂ");
  CHECK(fides_text_upper(&a, S("@[`{"), &r) == FIDES_OK);   // neighbours of the ranges
  CHECK(str(r) == "@[`{");
  CHECK(fides_text_lower(&a, S("@[`{"), &r) == FIDES_OK);
  CHECK(str(r) == "@[`{");
  fides_str in = S("ABC123");
  CHECK(fides_text_upper(&a, in, &r) == FIDES_OK);
  CHECK(r.ptr == in.ptr);  // unchanged text is returned as is
  CHECK(fides_text_upper(&a, fides_str{nullptr, 0}, &r) == FIDES_OK);
  CHECK(r.len == 0);
  CHECK(fides_text_lower(&a, S("\xE4\xB8" "AB\x80"), &r) == FIDES_OK);
  CHECK(str(r) == "\xE4\xB8" "ab\x80");

  CHECK(fides_text_concat(&a, S("项目 "), S("F001"), &r) == FIDES_OK);
  CHECK(str(r) == "项目 F001");
  fides_str b = S("x");
  CHECK(fides_text_concat(&a, S(""), b, &r) == FIDES_OK);
  CHECK(r.ptr == b.ptr);
  CHECK(fides_text_concat(&a, b, fides_str{nullptr, 0}, &r) == FIDES_OK);
  CHECK(r.ptr == b.ptr);
  CHECK(fides_text_concat(&a, fides_str{nullptr, 0}, fides_str{nullptr, 0}, &r) == FIDES_OK);
  CHECK(r.len == 0);
  fides_arena_free(&a);
}
