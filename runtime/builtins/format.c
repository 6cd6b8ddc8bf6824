/* Printing values as the output files and messages show them (spec §8).
 * Hand-written digit loops: no printf, no locale. */
#include <string.h>

#include "internal.h"

/* Writes the digits of v (at least `min_digits`, zero-padded) at buf and
 * returns how many. */
static size_t put_digits(uint64_t v, int min_digits, char* buf) {
  char tmp[20];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n < min_digits) tmp[n++] = '0';
  for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
  return (size_t)n;
}

size_t fides_format_int(int64_t v, char* buf) {
  size_t n = 0;
  if (v < 0) buf[n++] = '-';
  n += put_digits(fides_mag(v), 1, buf + n);
  buf[n] = '\0';
  return n;
}

size_t fides_format_decimal(int64_t v, char* buf) {
  uint64_t m = fides_mag(v);
  uint64_t frac = m % (uint64_t)FIDES_DECIMAL_SCALE;
  size_t n = 0;
  if (v < 0) buf[n++] = '-';
  n += put_digits(m / (uint64_t)FIDES_DECIMAL_SCALE, 1, buf + n);
  if (frac != 0) {
    int digits = FIDES_DECIMAL_DIGITS;
    while (frac % 10 == 0) {
      frac /= 10;
      digits--;
    }
    buf[n++] = '.';
    n += put_digits(frac, digits, buf + n);
  }
  buf[n] = '\0';
  return n;
}

size_t fides_format_money(int64_t v, char* buf) {
  /* cents = |v| / 10^4 rounded half-up; cannot overflow (|v| <= 2^63). */
  uint64_t cents = (fides_mag(v) + 5000) / 10000;
  size_t n = 0;
  if (v < 0 && cents != 0) buf[n++] = '-';
  n += put_digits(cents / 100, 1, buf + n);
  buf[n++] = '.';
  n += put_digits(cents % 100, 2, buf + n);
  buf[n] = '\0';
  return n;
}

size_t fides_format_date(int32_t d, char* buf) {
  int32_t y, m, dd;
  fides_date_to_ymd(d, &y, &m, &dd);
  size_t n = 0;
  if (y < 0) buf[n++] = '-';
  n += put_digits(fides_mag(y), 4, buf + n);
  buf[n++] = '-';
  n += put_digits((uint64_t)m, 2, buf + n);
  buf[n++] = '-';
  n += put_digits((uint64_t)dd, 2, buf + n);
  buf[n] = '\0';
  return n;
}

size_t fides_format_bool(bool v, char* buf) {
  const char* s = v ? "true" : "false";
  size_t n = strlen(s);
  memcpy(buf, s, n + 1);
  return n;
}

/* Copies a formatted value into the arena. */
static int to_text(fides_arena* a, const char* buf, size_t n, fides_str* out) {
  char* r = (char*)fides_arena_alloc(a, n);
  if (!r) return FIDES_ERR_NOMEM;
  memcpy(r, buf, n);
  out->ptr = r;
  out->len = (int64_t)n;
  return FIDES_OK;
}

int fides_text_of_int(fides_arena* a, int64_t v, fides_str* out) {
  char buf[FIDES_INT_BUF];
  return to_text(a, buf, fides_format_int(v, buf), out);
}

int fides_text_of_decimal(fides_arena* a, int64_t v, fides_str* out) {
  char buf[FIDES_DECIMAL_BUF];
  return to_text(a, buf, fides_format_decimal(v, buf), out);
}

int fides_text_of_money(fides_arena* a, int64_t v, fides_str* out) {
  char buf[FIDES_MONEY_BUF];
  return to_text(a, buf, fides_format_money(v, buf), out);
}

int fides_text_of_date(fides_arena* a, int32_t d, fides_str* out) {
  char buf[FIDES_DATE_BUF];
  return to_text(a, buf, fides_format_date(d, buf), out);
}

int fides_text_of_bool(fides_arena* a, bool v, fides_str* out) {
  out->ptr = v ? "true" : "false"; /* static text: no allocation needed */
  out->len = v ? 4 : 5;
  (void)a;
  return FIDES_OK;
}
