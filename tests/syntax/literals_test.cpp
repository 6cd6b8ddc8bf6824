#include <doctest/doctest.h>

#include "syntax/literals.h"

using namespace fides::syntax;

TEST_CASE("utf-8 validation finds the first bad byte") {
  CHECK(find_invalid_utf8("abc 中文 ✓ 😀") == std::string_view::npos);
  CHECK(find_invalid_utf8("ab\xFF") == 2);
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);              // overlong '/'
  CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1);         // surrogate
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);      // above U+10FFFF
  CHECK(find_invalid_utf8("ok\xE4\xB8") == 2);            // truncated
  CHECK(find_invalid_utf8(std::string_view("a\0b", 3)) == std::string_view::npos);
}

TEST_CASE("integers and decimals are exact") {
  CHECK(parse_int_literal("15") == 15);
  CHECK(parse_int_literal("9223372036854775807") == INT64_MAX);
  CHECK_FALSE(parse_int_literal("9223372036854775808"));
  CHECK(parse_int_literal("15", /*negative=*/true) == -15);
  CHECK(parse_int_literal("0", /*negative=*/true) == 0);
  CHECK(parse_int_literal("9223372036854775808", /*negative=*/true) == INT64_MIN);
  CHECK_FALSE(parse_int_literal("9223372036854775809", /*negative=*/true));
  CHECK_FALSE(parse_int_literal("99999999999999999999", /*negative=*/true));
  CHECK(parse_decimal_literal("0.35").scaled == 350000);
  CHECK(parse_decimal_literal("1200.50").scaled == 1200500000);
  CHECK(parse_decimal_literal("1.123456").scaled == 1123456);
  CHECK(parse_decimal_literal("1.1234567").error == DecimalResult::Error::too_precise);
  CHECK(parse_decimal_literal("9223372036854.775807").scaled == INT64_MAX);
  CHECK(parse_decimal_literal("9223372036854.775808").error == DecimalResult::Error::out_of_range);
  CHECK(parse_decimal_literal("99999999999999.0").error == DecimalResult::Error::out_of_range);
}

TEST_CASE("dates are checked") {
  fides::Localized why;
  CHECK(parse_date_literal("1970-01-01", why) == 0);
  CHECK(parse_date_literal("2024-03-01", why) == 19783);
  CHECK(parse_date_literal("2024-02-29", why).has_value());
  CHECK_FALSE(parse_date_literal("2023-02-29", why));
  CHECK(why.en == "2023-02 has 28 days");
  CHECK(why.zh == "2023-02 只有 28 天");
  CHECK_FALSE(parse_date_literal("2024-02-30", why));
  CHECK(why.en == "2024-02 has 29 days");
  CHECK_FALSE(parse_date_literal("2024-13-01", why));
  CHECK(why.en == "month 13 does not exist");
  CHECK(why.zh == "不存在 13 月");
  CHECK_FALSE(parse_date_literal("2024-04-00", why));
  CHECK(parse_date_literal("1900-03-01", why).has_value());
  CHECK_FALSE(parse_date_literal("1900-02-29", why));
  CHECK(parse_date_literal("2000-02-29", why).has_value());
  CHECK(parse_date_literal("2024-03-01", why) == 19783);
}

TEST_CASE("string escapes are decoded with their positions") {
  std::vector<StringEscapeError> errors;
  auto chars = decode_string_literal(R"("a\"\\\n\t\u{4E2D}中")", 10, errors);
  REQUIRE(errors.empty());
  std::string s;
  for (auto& c : chars) append_utf8(s, c.cp);
  CHECK(s == "a\"\\\n\t中中");
  REQUIRE(chars.size() == 7);
  CHECK(chars[0].offset == 11);
  CHECK(chars[1].offset == 12);
  CHECK(chars[1].escaped);
  CHECK(chars[5].offset == 20);  // \u{4E2D}
  CHECK(chars[5].end == 28);
  CHECK(chars[6].offset == 28);
  CHECK(chars[6].end == 31);

  errors.clear();
  decode_string_literal(R"("x\qy\u{D800}\u{110000}\u{}\u4E2D")", 0, errors);
  REQUIRE(errors.size() == 5);
  CHECK(errors[0].text == "\\q");
  CHECK(errors[0].begin == 2);
  CHECK(errors[1].text == "\\u{D800}");
  CHECK(errors[2].text == "\\u{110000}");
  CHECK(errors[3].text == "\\u{}");
  CHECK(errors[4].text == "\\u");
}
