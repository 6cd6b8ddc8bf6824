/* date: int32_t days since 1970-01-01, proleptic Gregorian, 0001–9999. */
#include "internal.h"

bool fides_is_leap_year(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int fides_days_in_month(int64_t y, int64_t m) {
  static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && fides_is_leap_year(y) ? 29 : days[m - 1];
}

int fides_date_from_ymd(int64_t y, int64_t m, int64_t d, int32_t* out) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > fides_days_in_month(y, m))
    return FIDES_ERR_INVALID_DATE;
  *out = (int32_t)fides_days_from_civil(y, m, d);
  return FIDES_OK;
}

/* Howard Hinnant's civil_from_days, in int64 so every int32_t works. */
void fides_date_to_ymd(int32_t date, int32_t* y, int32_t* m, int32_t* d) {
  int64_t z = (int64_t)date + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t dd = doy - (153 * mp + 2) / 5 + 1;
  int64_t mm = mp < 10 ? mp + 3 : mp - 9;
  *y = (int32_t)(yoe + era * 400 + (mm <= 2));
  *m = (int32_t)mm;
  *d = (int32_t)dd;
}

int64_t fides_date_year(int32_t date) {
  int32_t y, m, d;
  fides_date_to_ymd(date, &y, &m, &d);
  return y;
}

int64_t fides_date_month(int32_t date) {
  int32_t y, m, d;
  fides_date_to_ymd(date, &y, &m, &d);
  return m;
}

int64_t fides_date_day(int32_t date) {
  int32_t y, m, d;
  fides_date_to_ymd(date, &y, &m, &d);
  return d;
}

int fides_date_add_days(int32_t d, int64_t n, int32_t* out) {
  /* d is an int32_t, so neither bound below overflows int64. */
  if (n > (int64_t)FIDES_DATE_MAX - d || n < (int64_t)FIDES_DATE_MIN - d)
    return FIDES_ERR_DATE_RANGE;
  *out = (int32_t)(d + n);
  return FIDES_OK;
}

int fides_date_sub_days(int32_t d, int64_t n, int32_t* out) {
  if (n == INT64_MIN) return FIDES_ERR_DATE_RANGE;
  return fides_date_add_days(d, -n, out);
}

/* The whole valid range spans fewer than 4 million days (about 120,000
 * months); bounding n first keeps the multiplications below exact. */
#define SPAN_DAYS ((int64_t)FIDES_DATE_MAX - FIDES_DATE_MIN)
#define SPAN_MONTHS ((int64_t)10000 * 12)

int fides_date_add_weeks(int32_t d, int64_t n, int32_t* out) {
  if (n > SPAN_DAYS || n < -SPAN_DAYS) return FIDES_ERR_DATE_RANGE;
  return fides_date_add_days(d, n * 7, out);
}

int fides_date_sub_weeks(int32_t d, int64_t n, int32_t* out) {
  if (n > SPAN_DAYS || n < -SPAN_DAYS) return FIDES_ERR_DATE_RANGE;
  return fides_date_add_days(d, -n * 7, out);
}

int fides_date_add_months(int32_t date, int64_t n, int32_t* out) {
  if (n > SPAN_MONTHS || n < -SPAN_MONTHS) return FIDES_ERR_DATE_RANGE;
  int32_t y, m, d;
  fides_date_to_ymd(date, &y, &m, &d);
  int64_t total = (int64_t)y * 12 + (m - 1) + n; /* months since year 0 */
  int64_t ny = total >= 0 ? total / 12 : (total - 11) / 12;
  int64_t nm = total - ny * 12 + 1;
  if (ny < 1 || ny > 9999) return FIDES_ERR_DATE_RANGE;
  int64_t last = fides_days_in_month(ny, nm);
  *out = (int32_t)fides_days_from_civil(ny, nm, d < last ? d : last);
  return FIDES_OK;
}

int fides_date_sub_months(int32_t d, int64_t n, int32_t* out) {
  if (n > SPAN_MONTHS || n < -SPAN_MONTHS) return FIDES_ERR_DATE_RANGE;
  return fides_date_add_months(d, -n, out);
}

int fides_date_add_years(int32_t d, int64_t n, int32_t* out) {
  if (n > SPAN_MONTHS || n < -SPAN_MONTHS) return FIDES_ERR_DATE_RANGE;
  return fides_date_add_months(d, n * 12, out);
}

int fides_date_sub_years(int32_t d, int64_t n, int32_t* out) {
  if (n > SPAN_MONTHS || n < -SPAN_MONTHS) return FIDES_ERR_DATE_RANGE;
  return fides_date_add_months(d, -n * 12, out);
}

int64_t fides_date_diff_days(int32_t a, int32_t b) { return (int64_t)a - b; }

int64_t fides_years_between(int32_t a, int32_t b) {
  if (b < a) return -fides_years_between(b, a);
  int32_t ya, ma, da, yb, mb, db;
  fides_date_to_ymd(a, &ya, &ma, &da);
  fides_date_to_ymd(b, &yb, &mb, &db);
  /* a's anniversary in year yb; 29 February moves to 1 March. */
  if (ma == 2 && da == 29 && !fides_is_leap_year(yb)) {
    ma = 3;
    da = 1;
  }
  int64_t years = (int64_t)yb - ya;
  if (mb < ma || (mb == ma && db < da)) years--;
  return years;
}
