#include <cstring>

#include "test_util.h"

using namespace fides_test;

namespace {

std::string int_text(int64_t v) {
  char buf[FIDES_INT_BUF];
  size_t n = fides_format_int(v, buf);
  CHECK(n == std::strlen(buf));
  return buf;
}

int parse_dec(std::string_view s, int64_t* out) { return fides_parse_decimal(S(s), out); }

std::string parse_status(std::string_view s) {
  int64_t v = 0;
  return fides_status_message(parse_dec(s, &v));
}

}  // namespace

TEST_CASE("printing int") {
  CHECK(int_text(0) == "0");
  CHECK(int_text(15) == "15");
  CHECK(int_text(-15) == "-15");
  CHECK(int_text(INT64_MAX) == "9223372036854775807");
  CHECK(int_text(INT64_MIN) == "-9223372036854775808");
  CHECK(std::strlen("-9223372036854775808") + 1 == FIDES_INT_BUF);
}

TEST_CASE("printing decimal: up to six digits, trailing zeros removed") {
  CHECK(dec(D("0.35")) == "0.35");
  CHECK(dec(D("3")) == "3");
  CHECK(dec(D("3.000")) == "3");
  CHECK(dec(D("-1.5")) == "-1.5");
  CHECK(dec(D("-0.5")) == "-0.5");
  CHECK(dec(D("0.000001")) == "0.000001");
  CHECK(dec(D("-0.000001")) == "-0.000001");
  CHECK(dec(D("0.10001")) == "0.10001");
  CHECK(dec(D("1200.50")) == "1200.5");
  CHECK(dec(0) == "0");
  CHECK(dec(D("-0")) == "0");
  CHECK(dec(INT64_MAX) == "9223372036854.775807");
  CHECK(dec(INT64_MIN) == "-9223372036854.775808");
  CHECK(std::strlen("-9223372036854.775808") + 1 == FIDES_DECIMAL_BUF);
}

TEST_CASE("printing money: exactly two decimals, half-up, never -0.00") {
  CHECK(money(D("1200.5")) == "1200.50");
  CHECK(money(D("80")) == "80.00");
  CHECK(money(0) == "0.00");
  CHECK(money(D("-0.01")) == "-0.01");
  CHECK(money(D("-0.004")) == "0.00");
  CHECK(money(D("-0.004999")) == "0.00");
  CHECK(money(D("-0.005")) == "-0.01");
  CHECK(money(D("0.005")) == "0.01");
  CHECK(money(D("0.004999")) == "0.00");
  CHECK(money(D("1.995")) == "2.00");
  CHECK(money(D("-1.995")) == "-2.00");
  CHECK(money(D("1.994999")) == "1.99");
  CHECK(money(D("99.999999")) == "100.00");
  CHECK(money(D("0.1")) == "0.10");
  CHECK(money(INT64_MAX) == "9223372036854.78");
  CHECK(money(INT64_MIN) == "-9223372036854.78");
  CHECK(std::strlen("-9223372036854.78") + 1 == FIDES_MONEY_BUF);
}

TEST_CASE("printing dates and booleans") {
  CHECK(date(0) == "1970-01-01");
  CHECK(date(Date("2024-02-29")) == "2024-02-29");
  CHECK(date(FIDES_DATE_MIN) == "0001-01-01");
  CHECK(date(FIDES_DATE_MAX) == "9999-12-31");
  // outside the supported range it still prints something and fits
  CHECK(date(FIDES_DATE_MIN - 1) == "0000-12-31");
  CHECK(date(FIDES_DATE_MIN - 366) == "0000-01-01");  // year 0 is leap
  CHECK(date(FIDES_DATE_MIN - 367) == "-0001-12-31");
  CHECK(date(FIDES_DATE_MAX + 1) == "10000-01-01");
  CHECK(date(INT32_MIN).size() < FIDES_DATE_BUF);
  CHECK(date(INT32_MAX).size() < FIDES_DATE_BUF);
  char buf[FIDES_BOOL_BUF];
  CHECK(fides_format_bool(true, buf) == 4);
  CHECK(std::string(buf) == "true");
  CHECK(fides_format_bool(false, buf) == 5);
  CHECK(std::string(buf) == "false");
}

TEST_CASE("printing into an arena") {
  fides_arena a;
  fides_arena_init(&a, 64);
  fides_str r{};
  CHECK(fides_text_of_int(&a, -42, &r) == FIDES_OK);
  CHECK(str(r) == "-42");
  CHECK(fides_text_of_decimal(&a, D("0.35"), &r) == FIDES_OK);
  CHECK(str(r) == "0.35");
  CHECK(fides_text_of_money(&a, D("-0.004"), &r) == FIDES_OK);
  CHECK(str(r) == "0.00");
  CHECK(fides_text_of_date(&a, Date("2024-03-01"), &r) == FIDES_OK);
  CHECK(str(r) == "2024-03-01");
  CHECK(fides_text_of_bool(&a, true, &r) == FIDES_OK);
  CHECK(str(r) == "true");
  CHECK(fides_text_of_bool(&a, false, &r) == FIDES_OK);
  CHECK(str(r) == "false");
  fides_arena_free(&a);
}

TEST_CASE("parsing int") {
  int64_t v = 0;
  CHECK(fides_parse_int(S("15"), &v) == FIDES_OK);
  CHECK(v == 15);
  CHECK(fides_parse_int(S("-15"), &v) == FIDES_OK);
  CHECK(v == -15);
  CHECK(fides_parse_int(S("007"), &v) == FIDES_OK);
  CHECK(v == 7);
  CHECK(fides_parse_int(S("-0"), &v) == FIDES_OK);
  CHECK(v == 0);
  CHECK(fides_parse_int(S("9223372036854775807"), &v) == FIDES_OK);
  CHECK(v == INT64_MAX);
  CHECK(fides_parse_int(S("-9223372036854775808"), &v) == FIDES_OK);
  CHECK(v == INT64_MIN);
  CHECK(fides_parse_int(S("00000000000000000000009223372036854775807"), &v) == FIDES_OK);
  CHECK(v == INT64_MAX);
  v = 99;
  CHECK(fides_parse_int(S("9223372036854775808"), &v) == FIDES_ERR_NUMBER_RANGE);
  CHECK(fides_parse_int(S("-9223372036854775809"), &v) == FIDES_ERR_NUMBER_RANGE);
  CHECK(fides_parse_int(S("99999999999999999999999"), &v) == FIDES_ERR_NUMBER_RANGE);
  CHECK(v == 99);  // untouched on failure
  for (const char* bad : {"", "-", "+5", " 5", "5 ", "1e3", "1.0", "1,000", "0x10", "--1", "5-",
                          "１５", "a", "\xE4\xB8"}) {
    CHECK_MESSAGE(fides_parse_int(S(bad), &v) == FIDES_ERR_BAD_NUMBER, bad);
  }
  CHECK(fides_parse_int(S(std::string_view("1\0", 2)), &v) == FIDES_ERR_BAD_NUMBER);
  CHECK(fides_parse_int(fides_str{nullptr, 0}, &v) == FIDES_ERR_BAD_NUMBER);
  CHECK(fides_parse_int(S("99999999999999999999x"), &v) == FIDES_ERR_BAD_NUMBER);  // syntax first
}

TEST_CASE("parsing decimal and money") {
  int64_t v = 0;
  CHECK(parse_dec("45", &v) == FIDES_OK);
  CHECK(v == 45000000);
  CHECK(parse_dec("0.35", &v) == FIDES_OK);
  CHECK(v == 350000);
  CHECK(parse_dec("1200.50", &v) == FIDES_OK);
  CHECK(v == 1200500000);
  CHECK(parse_dec("-0.5", &v) == FIDES_OK);
  CHECK(v == -500000);
  CHECK(parse_dec("-0.000001", &v) == FIDES_OK);
  CHECK(v == -1);
  CHECK(parse_dec("-0.000000", &v) == FIDES_OK);
  CHECK(v == 0);
  CHECK(parse_dec("007.100", &v) == FIDES_OK);
  CHECK(v == 7100000);
  CHECK(parse_dec("9223372036854.775807", &v) == FIDES_OK);
  CHECK(v == INT64_MAX);
  CHECK(parse_dec("-9223372036854.775808", &v) == FIDES_OK);
  CHECK(v == INT64_MIN);
  CHECK(parse_dec("9223372036854", &v) == FIDES_OK);
  CHECK(parse_status("9223372036854.775808") == "number out of range");
  CHECK(parse_status("-9223372036854.775809") == "number out of range");
  CHECK(parse_status("9223372036855") == "number out of range");
  CHECK(parse_status("100000000000000000000000000") == "number out of range");
  CHECK(parse_status("18446744073709551616") == "number out of range");  // 2^64
  for (const char* bad : {"", "-", ".", "-.", ".5", "-.5", "5.", "-5.", "+5", " 5", "5 ", "1e3",
                          "1E3", "1.2345678", "0.0000000", "1,5", "1.2.3", "--1", "1-", "\xEF\xBC\x95",
                          "NaN", "inf", "1..2", "0x1"}) {
    CHECK_MESSAGE(parse_status(bad) == "bad number", bad);
  }
  CHECK(parse_status("99999999999999999999999.1234567") == "bad number");  // syntax first
}

TEST_CASE("printing and parsing decimals round-trip") {
  Rng rng;
  int failures = 0;
  for (int i = 0; i < 100000; i++) {
    int64_t v = rng.wide();
    char buf[FIDES_DECIMAL_BUF];
    size_t n = fides_format_decimal(v, buf);
    int64_t back = 0;
    if (fides_parse_decimal(fides_str{buf, (int64_t)n}, &back) != FIDES_OK || back != v)
      if (++failures <= 10) FAIL_CHECK("decimal " << v << " printed as " << buf);
    char ibuf[FIDES_INT_BUF];
    n = fides_format_int(v, ibuf);
    if (fides_parse_int(fides_str{ibuf, (int64_t)n}, &back) != FIDES_OK || back != v)
      if (++failures <= 10) FAIL_CHECK("int " << v << " printed as " << ibuf);
  }
  CHECK(failures == 0);
}

TEST_CASE("parsing dates") {
  int32_t d = 5;
  CHECK(fides_parse_date(S("2024-03-01"), &d) == FIDES_OK);
  CHECK(date(d) == "2024-03-01");
  CHECK(fides_parse_date(S("2024-02-29"), &d) == FIDES_OK);
  CHECK(fides_parse_date(S("2000-02-29"), &d) == FIDES_OK);
  CHECK(fides_parse_date(S("0001-01-01"), &d) == FIDES_OK);
  CHECK(d == FIDES_DATE_MIN);
  CHECK(fides_parse_date(S("9999-12-31"), &d) == FIDES_OK);
  CHECK(d == FIDES_DATE_MAX);
  for (const char* bad : {"", "2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10",
                          "2024-01-00", "2024-04-31", "0000-01-01", "2024-3-1", "2024/03/01",
                          "20240301", "2024-03-01 ", " 2024-03-01", "2024-03-01T00:00", "+024-03-01",
                          "-024-03-01", "2024-0a-01", "2024-03-1x", "２０２４-03-01", "24-03-01",
                          "12024-03-01", "2024-03--1"}) {
    int32_t before = d;
    CHECK_MESSAGE(fides_parse_date(S(bad), &d) == FIDES_ERR_BAD_DATE, bad);
    CHECK(d == before);
  }
  CHECK(fides_parse_date(fides_str{nullptr, 0}, &d) == FIDES_ERR_BAD_DATE);
  CHECK(std::string(fides_status_message(FIDES_ERR_BAD_DATE)) == "bad date");
}

TEST_CASE("parsing booleans") {
  bool b = false;
  CHECK(fides_parse_bool(S("true"), &b) == FIDES_OK);
  CHECK(b);
  CHECK(fides_parse_bool(S("false"), &b) == FIDES_OK);
  CHECK_FALSE(b);
  for (const char* bad : {"", "TRUE", "True", "1", "0", "yes", "t", "true ", "falsey", "fals"}) {
    CHECK_MESSAGE(fides_parse_bool(S(bad), &b) == FIDES_ERR_BAD_BOOL, bad);
  }
}
