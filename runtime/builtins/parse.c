/* Parsing CSV cells and --param values. The accepted syntax is the
 * language's literal syntax, so the same text means the same value in
 * source, on the command line and in a data file. The whole input must
 * match: nothing is trimmed. A syntax error wins over a range error. */
#include "internal.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

int fides_parse_int(fides_str s, int64_t* out) {
  int64_t i = 0;
  bool negative = s.len > 0 && s.ptr[0] == '-';
  if (negative) i++;
  if (i == s.len) return FIDES_ERR_BAD_NUMBER;
  for (int64_t j = i; j < s.len; j++) {
    if (!is_digit(s.ptr[j])) return FIDES_ERR_BAD_NUMBER;
  }
  uint64_t limit = negative ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
  uint64_t v = 0;
  for (; i < s.len; i++) {
    unsigned digit = (unsigned)(s.ptr[i] - '0');
    if (v > (limit - digit) / 10) return FIDES_ERR_NUMBER_RANGE;
    v = v * 10 + digit;
  }
  return fides_signed_from_mag(v, negative, out);
}

int fides_parse_decimal(fides_str s, int64_t* out) {
  int64_t i = 0;
  bool negative = s.len > 0 && s.ptr[0] == '-';
  if (negative) i++;
  int64_t int_start = i;
  while (i < s.len && is_digit(s.ptr[i])) i++;
  int64_t int_end = i;
  int64_t frac_start = i, frac_end = i;
  if (i < s.len && s.ptr[i] == '.') {
    frac_start = ++i;
    while (i < s.len && is_digit(s.ptr[i])) i++;
    frac_end = i;
    if (frac_end == frac_start) return FIDES_ERR_BAD_NUMBER; /* "5." */
  }
  if (i != s.len || int_end == int_start) return FIDES_ERR_BAD_NUMBER; /* junk, ".5", "-" */
  if (frac_end - frac_start > FIDES_DECIMAL_DIGITS) return FIDES_ERR_BAD_NUMBER;

  /* Integer part up to 2^63 / 10^6, so that ip * 10^6 + frac < 2^64. */
  const uint64_t ip_limit = ((uint64_t)INT64_MAX + 1u) / (uint64_t)FIDES_DECIMAL_SCALE;
  uint64_t ip = 0;
  for (int64_t j = int_start; j < int_end; j++) {
    ip = ip * 10 + (unsigned)(s.ptr[j] - '0');
    if (ip > ip_limit) return FIDES_ERR_NUMBER_RANGE;
  }
  uint64_t frac = 0;
  int digits = 0;
  for (int64_t j = frac_start; j < frac_end; j++, digits++) frac = frac * 10 + (unsigned)(s.ptr[j] - '0');
  for (; digits < FIDES_DECIMAL_DIGITS; digits++) frac *= 10;
  uint64_t mag = ip * (uint64_t)FIDES_DECIMAL_SCALE + frac;
  if (fides_signed_from_mag(mag, negative, out) != FIDES_OK) return FIDES_ERR_NUMBER_RANGE;
  return FIDES_OK;
}

int fides_parse_date(fides_str s, int32_t* out) {
  if (s.len != 10 || s.ptr[4] != '-' || s.ptr[7] != '-') return FIDES_ERR_BAD_DATE;
  for (int i = 0; i < 10; i++) {
    if (i != 4 && i != 7 && !is_digit(s.ptr[i])) return FIDES_ERR_BAD_DATE;
  }
  const char* p = s.ptr;
  int64_t y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
  int64_t m = (p[5] - '0') * 10 + (p[6] - '0');
  int64_t d = (p[8] - '0') * 10 + (p[9] - '0');
  if (fides_date_from_ymd(y, m, d, out) != FIDES_OK) return FIDES_ERR_BAD_DATE;
  return FIDES_OK;
}

int fides_parse_bool(fides_str s, bool* out) {
  if (s.len == 4 && s.ptr[0] == 't' && s.ptr[1] == 'r' && s.ptr[2] == 'u' && s.ptr[3] == 'e') {
    *out = true;
    return FIDES_OK;
  }
  if (s.len == 5 && s.ptr[0] == 'f' && s.ptr[1] == 'a' && s.ptr[2] == 'l' && s.ptr[3] == 's' &&
      s.ptr[4] == 'e') {
    *out = false;
    return FIDES_OK;
  }
  return FIDES_ERR_BAD_BOOL;
}
