#include <vector>

#include "test_util.h"

using namespace fides_test;

namespace {

bool like(std::string_view s, std::string_view p) { return fides_text_like(S(s), S(p)); }

// A straightforward recursive reference over code points (valid UTF-8 only,
// patterns without escapes); exponential, so only for short inputs.
std::vector<std::string> units(std::string_view s) {
  std::vector<std::string> r;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    r.emplace_back(s.substr(i, n));
    i += n;
  }
  return r;
}

bool ref(const std::vector<std::string>& t, size_t ti, const std::vector<std::string>& p, size_t pi) {
  if (pi == p.size()) return ti == t.size();
  if (p[pi] == "%") {
    for (size_t k = ti; k <= t.size(); k++)
      if (ref(t, k, p, pi + 1)) return true;
    return false;
  }
  if (ti == t.size()) return false;
  if (p[pi] == "_" || p[pi] == t[ti]) return ref(t, ti + 1, p, pi + 1);
  return false;
}

}  // namespace

TEST_CASE("like: literals, % and _") {
  CHECK(like("O72.0", "O%"));
  CHECK_FALSE(like("o72.0", "O%"));  // case-sensitive
  CHECK(like("abc", "abc"));
  CHECK_FALSE(like("abc", "ab"));
  CHECK_FALSE(like("ab", "abc"));
  CHECK(like("abc", "%"));
  CHECK(like("", "%"));
  CHECK(like("", "%%"));
  CHECK(like("", ""));
  CHECK_FALSE(like("a", ""));
  CHECK_FALSE(like("", "_"));
  CHECK(like("abc", "a_c"));
  CHECK(like("abc", "___"));
  CHECK_FALSE(like("abc", "__"));
  CHECK_FALSE(like("abc", "____"));
  CHECK(like("abc", "%c"));
  CHECK(like("abc", "%b%"));
  CHECK(like("abc", "a%%c"));
  CHECK(like("abcbc", "%bc"));
  CHECK(like("abcbd", "%b_"));
  CHECK(like("mississippi", "m%iss%ppi"));
  CHECK_FALSE(like("mississippi", "m%iss%ppix"));
  CHECK(like("J06.9", "J0_._"));
  CHECK(like("X05AA01", "X%"));
  CHECK_FALSE(like("Z05AA01", "X%"));
}

TEST_CASE("like: _ is one code point, literals match whole code points") {
  CHECK(like("限女性", "限_性"));
  CHECK(like("限女性", "___"));
  CHECK_FALSE(like("限女性", "_________"));  // not bytes
  CHECK(like("阴道镜检查", "%镜%"));
  CHECK(like("阴道镜检查", "阴道%"));
  CHECK_FALSE(like("阴道镜检查", "%镜"));
  CHECK(like("\xF0\x9F\x98\x80x", "_x"));
}

TEST_CASE("like: backslash escapes") {
  CHECK(like("100%", "100\\%"));
  CHECK_FALSE(like("1000", "100\\%"));
  CHECK(like("a_b", "a\\_b"));
  CHECK_FALSE(like("axb", "a\\_b"));
  CHECK(like("a\\b", "a\\\\b"));
  CHECK(like("a\\", "a\\"));  // a trailing lone backslash is literal
  CHECK_FALSE(like("a", "a\\"));
  CHECK(like("ab", "\\a\\b"));  // escaping an ordinary character is harmless
  CHECK(like("限", "\\限"));
  CHECK(like("x%y", "%\\%%"));
  CHECK_FALSE(like("xy", "%\\%%"));
}

TEST_CASE("like: malformed UTF-8 in text or pattern does not crash") {
  std::string_view bad_t("a\xE4\xB8" "b", 4);  // units: a, E4, B8, b
  CHECK(like(bad_t, "a__b"));
  CHECK_FALSE(like(bad_t, "a_b"));
  CHECK(like(bad_t, "%b"));
  CHECK(like(bad_t, std::string_view("a\xE4%", 3)));
  CHECK(like(std::string_view("\xE4\xB8\xAD", 3), "_"));  // valid 中
  // a stray lead byte in the pattern does not match the first byte of a
  // well-formed character: units are compared whole
  CHECK_FALSE(like(std::string_view("\xE4\xB8\xAD", 3), std::string_view("\xE4%", 2)));
  CHECK(like(std::string_view("\x80\x80", 2), "__"));
  CHECK(like(std::string_view("\xFF", 1), std::string_view("\xFF", 1)));
  CHECK(like(std::string_view("\xE4", 1), std::string_view("\\\xE4", 2)));
  CHECK_FALSE(like("abc", std::string_view("\xE4\xB8", 2)));
  CHECK(fides_text_like(fides_str{nullptr, 0}, fides_str{nullptr, 0}));
  CHECK(fides_text_like(fides_str{nullptr, 0}, S("%")));
  CHECK_FALSE(fides_text_like(S("a"), fides_str{nullptr, 0}));
}

TEST_CASE("like agrees with a recursive reference") {
  const char* alpha[] = {"a", "b", "限", "%", "_"};
  Rng rng;
  int failures = 0;
  for (int i = 0; i < 30000; i++) {
    std::string t, p;
    size_t tn = rng.below(8), pn = rng.below(7);
    for (size_t k = 0; k < tn; k++) t += alpha[rng.below(3)];
    for (size_t k = 0; k < pn; k++) p += alpha[rng.below(5)];
    bool want = ref(units(t), 0, units(p), 0);
    if (like(t, p) != want && ++failures <= 10) FAIL_CHECK("'" << t << "' like '" << p << "'");
  }
  CHECK(failures == 0);
}

TEST_CASE("like: no exponential blow-up") {
  std::string text(20000, 'a');
  std::string pattern;
  for (int i = 0; i < 30; i++) pattern += "%a";
  CHECK(like(text, pattern));
  CHECK_FALSE(like(text, pattern + "b"));
  CHECK_FALSE(like(text, "%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%b%"));
  CHECK(like(text + "b", "%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%b"));
}
