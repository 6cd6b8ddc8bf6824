#include "test_util.h"

using namespace fides_test;

namespace {

int32_t ymd(int64_t y, int64_t m, int64_t d) {
  int32_t r = 0;
  REQUIRE(fides_date_from_ymd(y, m, d, &r) == FIDES_OK);
  return r;
}

std::string add(int (*f)(int32_t, int64_t, int32_t*), const char* d, int64_t n) {
  int32_t r = 0;
  int st = f(Date(d), n, &r);
  if (st != FIDES_OK) return fides_status_message(st);
  return date(r);
}

}  // namespace

TEST_CASE("epoch, range ends and round trips") {
  CHECK(ymd(1970, 1, 1) == 0);
  CHECK(ymd(1970, 1, 2) == 1);
  CHECK(ymd(1969, 12, 31) == -1);
  CHECK(ymd(2000, 3, 1) == 11017);
  CHECK(ymd(1, 1, 1) == FIDES_DATE_MIN);
  CHECK(ymd(9999, 12, 31) == FIDES_DATE_MAX);
  CHECK(date(FIDES_DATE_MIN) == "0001-01-01");
  CHECK(date(FIDES_DATE_MAX) == "9999-12-31");
  // every day of the range converts back and forth, each the day after the last
  int32_t y0 = 0, m0 = 0, d0 = 0;
  fides_date_to_ymd(FIDES_DATE_MIN, &y0, &m0, &d0);
  int64_t bad = 0;
  for (int32_t d = FIDES_DATE_MIN; d <= FIDES_DATE_MAX; d++) {
    int32_t y, m, dd;
    fides_date_to_ymd(d, &y, &m, &dd);
    int32_t back = 0;
    if (fides_date_from_ymd(y, m, dd, &back) != FIDES_OK || back != d) bad++;
    if (d > FIDES_DATE_MIN) {
      bool next_day = (y == y0 && m == m0 && dd == d0 + 1);
      bool next_month = (y == y0 && m == m0 + 1 && dd == 1 && d0 == fides_days_in_month(y0, m0));
      bool next_year = (y == y0 + 1 && m == 1 && dd == 1 && m0 == 12 && d0 == 31);
      if (!(next_day || next_month || next_year)) bad++;
    }
    y0 = y;
    m0 = m;
    d0 = dd;
  }
  CHECK(bad == 0);
}

TEST_CASE("date(y, m, d) validates the calendar") {
  int32_t r = 123;
  CHECK(fides_date_from_ymd(2024, 2, 29, &r) == FIDES_OK);
  CHECK(fides_date_from_ymd(2023, 2, 29, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(1900, 2, 29, &r) == FIDES_ERR_INVALID_DATE);  // century
  CHECK(fides_date_from_ymd(2000, 2, 29, &r) == FIDES_OK);                // 400 years
  CHECK(fides_date_from_ymd(2024, 2, 30, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(2024, 4, 31, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(2024, 13, 1, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(2024, 0, 1, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(2024, 1, 0, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(0, 1, 1, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(10000, 1, 1, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(INT64_MIN, INT64_MIN, INT64_MIN, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(INT64_MAX, 1, 1, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(fides_date_from_ymd(2024, 1, INT64_MAX, &r) == FIDES_ERR_INVALID_DATE);
  CHECK(r == ymd(2000, 2, 29));
  CHECK(fides_is_leap_year(2024));
  CHECK_FALSE(fides_is_leap_year(2100));
  CHECK(fides_is_leap_year(2400));
  CHECK(fides_days_in_month(2024, 2) == 29);
  CHECK(fides_days_in_month(2023, 2) == 28);
  CHECK(fides_days_in_month(2023, 12) == 31);
  CHECK(fides_days_in_month(2023, 13) == 0);
}

TEST_CASE("year, month, day") {
  int32_t d = Date("2024-03-01");
  CHECK(fides_date_year(d) == 2024);
  CHECK(fides_date_month(d) == 3);
  CHECK(fides_date_day(d) == 1);
  CHECK(fides_date_year(Date("0001-01-01")) == 1);
  CHECK(fides_date_day(Date("9999-12-31")) == 31);
  // defined for any int32_t, even outside the supported range
  int32_t y, m, dd;
  fides_date_to_ymd(INT32_MIN, &y, &m, &dd);
  fides_date_to_ymd(INT32_MAX, &y, &m, &dd);
  CHECK(y > 9999);
}

TEST_CASE("adding days and weeks") {
  CHECK(add(fides_date_add_days, "2024-02-28", 1) == "2024-02-29");
  CHECK(add(fides_date_add_days, "2024-02-28", 2) == "2024-03-01");
  CHECK(add(fides_date_add_days, "2023-02-28", 1) == "2023-03-01");
  CHECK(add(fides_date_add_days, "2024-12-31", 1) == "2025-01-01");
  CHECK(add(fides_date_add_days, "2024-03-01", 15) == "2024-03-16");
  CHECK(add(fides_date_add_days, "2024-03-01", -1) == "2024-02-29");
  CHECK(add(fides_date_sub_days, "2024-03-01", 1) == "2024-02-29");
  CHECK(add(fides_date_add_days, "9999-12-31", 0) == "9999-12-31");
  CHECK(add(fides_date_add_days, "9999-12-31", 1) == "date out of range");
  CHECK(add(fides_date_sub_days, "0001-01-01", 1) == "date out of range");
  CHECK(add(fides_date_add_days, "0001-01-01", FIDES_DATE_MAX - FIDES_DATE_MIN) == "9999-12-31");
  CHECK(add(fides_date_add_days, "2024-01-01", INT64_MAX) == "date out of range");
  CHECK(add(fides_date_add_days, "2024-01-01", INT64_MIN) == "date out of range");
  CHECK(add(fides_date_sub_days, "2024-01-01", INT64_MIN) == "date out of range");
  CHECK(add(fides_date_sub_days, "2024-01-01", INT64_MAX) == "date out of range");
  CHECK(add(fides_date_add_weeks, "2024-03-01", 2) == "2024-03-15");
  CHECK(add(fides_date_sub_weeks, "2024-03-01", 2) == "2024-02-16");
  CHECK(add(fides_date_add_weeks, "2024-03-01", INT64_MAX / 7 + 1) == "date out of range");
  CHECK(add(fides_date_sub_weeks, "2024-03-01", INT64_MIN) == "date out of range");
  CHECK(add(fides_date_add_weeks, "9999-12-24", 1) == "9999-12-31");
  CHECK(add(fides_date_add_weeks, "9999-12-25", 1) == "date out of range");
}

TEST_CASE("adding months and years clamps to the end of the month") {
  CHECK(add(fides_date_add_months, "2024-01-31", 1) == "2024-02-29");
  CHECK(add(fides_date_add_months, "2023-01-31", 1) == "2023-02-28");
  CHECK(add(fides_date_add_months, "2024-01-31", 2) == "2024-03-31");
  CHECK(add(fides_date_add_months, "2024-03-31", 1) == "2024-04-30");
  CHECK(add(fides_date_add_months, "2024-03-31", -1) == "2024-02-29");
  CHECK(add(fides_date_sub_months, "2024-03-31", 1) == "2024-02-29");
  CHECK(add(fides_date_add_months, "2024-11-15", 2) == "2025-01-15");
  CHECK(add(fides_date_add_months, "2024-01-15", -1) == "2023-12-15");
  CHECK(add(fides_date_add_months, "2024-01-15", -13) == "2022-12-15");
  CHECK(add(fides_date_add_months, "2024-01-15", -24) == "2022-01-15");
  CHECK(add(fides_date_add_months, "2024-01-15", 0) == "2024-01-15");
  CHECK(add(fides_date_add_months, "9999-12-01", 1) == "date out of range");
  CHECK(add(fides_date_add_months, "0001-01-31", -1) == "date out of range");
  CHECK(add(fides_date_add_months, "0001-02-28", -1) == "0001-01-28");
  CHECK(add(fides_date_add_months, "2024-01-01", INT64_MAX) == "date out of range");
  CHECK(add(fides_date_add_months, "2024-01-01", INT64_MIN) == "date out of range");
  CHECK(add(fides_date_sub_months, "2024-01-01", INT64_MIN) == "date out of range");
  CHECK(add(fides_date_add_months, "0001-01-01", 9999 * 12 - 1) == "9999-12-01");

  CHECK(add(fides_date_add_years, "2024-02-29", 1) == "2025-02-28");
  CHECK(add(fides_date_add_years, "2024-02-29", 4) == "2028-02-29");
  CHECK(add(fides_date_sub_years, "2024-02-29", 1) == "2023-02-28");
  CHECK(add(fides_date_add_years, "2024-03-01", -1) == "2023-03-01");
  CHECK(add(fides_date_add_years, "9998-06-30", 1) == "9999-06-30");
  CHECK(add(fides_date_add_years, "9999-06-30", 1) == "date out of range");
  CHECK(add(fides_date_add_years, "2024-01-01", INT64_MAX) == "date out of range");
  CHECK(add(fides_date_add_years, "2024-01-01", INT64_MIN) == "date out of range");
  CHECK(add(fides_date_sub_years, "2024-01-01", INT64_MIN) == "date out of range");
  CHECK(add(fides_date_sub_years, "2024-01-01", 2023) == "0001-01-01");
  CHECK(add(fides_date_sub_years, "2024-01-01", 2024) == "date out of range");
}

TEST_CASE("difference in days") {
  CHECK(fides_date_diff_days(Date("2024-03-16"), Date("2024-03-01")) == 15);
  CHECK(fides_date_diff_days(Date("2024-03-01"), Date("2024-03-16")) == -15);
  CHECK(fides_date_diff_days(Date("2024-03-01"), Date("2024-02-28")) == 2);
  CHECK(fides_date_diff_days(Date("2025-01-01"), Date("2024-01-01")) == 366);
  CHECK(fides_date_diff_days(FIDES_DATE_MAX, FIDES_DATE_MIN) == 3652058);
  CHECK(fides_date_diff_days(INT32_MAX, INT32_MIN) == INT64_C(4294967295));
}

TEST_CASE("years_between counts completed years") {
  auto yb = [](const char* a, const char* b) { return fides_years_between(Date(a), Date(b)); };
  CHECK(yb("1980-05-01", "2024-04-30") == 43);
  CHECK(yb("1980-05-01", "2024-05-01") == 44);
  CHECK(yb("1980-05-01", "2024-05-02") == 44);
  CHECK(yb("2024-03-01", "2024-03-01") == 0);
  CHECK(yb("2024-03-01", "2025-02-28") == 0);
  CHECK(yb("2023-12-31", "2024-01-01") == 0);
  CHECK(yb("0001-01-01", "9999-12-31") == 9998);
  // a 29 February birthday falls on 1 March in non-leap years
  CHECK(yb("2000-02-29", "2001-02-28") == 0);
  CHECK(yb("2000-02-29", "2001-03-01") == 1);
  CHECK(yb("2000-02-29", "2004-02-28") == 3);
  CHECK(yb("2000-02-29", "2004-02-29") == 4);  // leap year: the day itself
  CHECK(yb("2000-02-29", "2018-02-28") == 17);
  CHECK(yb("2000-02-29", "2018-03-01") == 18);
  CHECK(yb("2004-02-29", "2100-02-28") == 95);  // 2100 is not leap
  CHECK(yb("2004-02-29", "2100-03-01") == 96);
  // a 28 February or 1 March birthday is unaffected
  CHECK(yb("2000-02-28", "2001-02-28") == 1);
  CHECK(yb("2000-03-01", "2001-02-28") == 0);
  // b before a: the negation of the other way round
  CHECK(yb("2024-05-01", "1980-05-01") == -44);
  CHECK(yb("2024-04-30", "1980-05-01") == -43);
  CHECK(yb("2001-03-01", "2000-02-29") == -1);
  CHECK(yb("2001-02-28", "2000-02-29") == 0);
}
