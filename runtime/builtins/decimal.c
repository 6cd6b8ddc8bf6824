/* decimal and money: int64_t scaled by 10^6. All rounding is half-up away
 * from zero, done on magnitudes so that it is symmetric in the sign. */
#include "internal.h"

#define SCALE ((uint64_t)FIDES_DECIMAL_SCALE)

/* q rounded up by one when `round_up`, then signed; OVERFLOW if it does not fit. */
static int finish(uint64_t q, bool round_up, bool negative, int64_t* out) {
  if (round_up) {
    if (q == UINT64_MAX) return FIDES_ERR_OVERFLOW;
    q++;
  }
  return fides_signed_from_mag(q, negative, out);
}

int fides_int_to_dec(int64_t i, int64_t* out) {
  int64_t r;
  if (__builtin_mul_overflow(i, FIDES_DECIMAL_SCALE, &r)) return FIDES_ERR_OVERFLOW;
  *out = r;
  return FIDES_OK;
}

int fides_dec_add(int64_t a, int64_t b, int64_t* out) { return fides_int_add(a, b, out); }
int fides_dec_sub(int64_t a, int64_t b, int64_t* out) { return fides_int_sub(a, b, out); }
int fides_dec_neg(int64_t a, int64_t* out) { return fides_int_neg(a, out); }
int fides_dec_abs(int64_t a, int64_t* out) { return fides_int_abs(a, out); }

int fides_dec_mul(int64_t a, int64_t b, int64_t* out) {
  uint64_t hi, lo, rem;
  fides_umul128(fides_mag(a), fides_mag(b), &hi, &lo);
  if (hi >= SCALE) return FIDES_ERR_OVERFLOW; /* quotient >= 2^64 */
  uint64_t q = fides_udiv128(hi, lo, SCALE, &rem);
  return finish(q, rem >= SCALE / 2, (a < 0) != (b < 0), out);
}

int fides_dec_div(int64_t a, int64_t b, int64_t* out) {
  if (b == 0) return FIDES_ERR_DIV_ZERO;
  uint64_t d = fides_mag(b), hi, lo, rem;
  fides_umul128(fides_mag(a), SCALE, &hi, &lo);
  if (hi >= d) return FIDES_ERR_OVERFLOW; /* quotient >= 2^64 */
  uint64_t q = fides_udiv128(hi, lo, d, &rem);
  return finish(q, rem >= d - rem, (a < 0) != (b < 0), out); /* 2*rem >= d */
}

int fides_dec_div_int(int64_t a, int64_t n, int64_t* out) {
  if (n == 0) return FIDES_ERR_DIV_ZERO;
  uint64_t m = fides_mag(a), d = fides_mag(n);
  uint64_t q = m / d, rem = m % d;
  return finish(q, rem >= d - rem, (a < 0) != (n < 0), out);
}

/* |x| = q * 10^6 + r. q <= 9223372036854, so q + 1 fits in int64 whatever
 * the sign: no function below can fail. */
static void split(int64_t x, uint64_t* q, uint64_t* r) {
  uint64_t m = fides_mag(x);
  *q = m / SCALE;
  *r = m % SCALE;
}

static int64_t with_sign(uint64_t q, bool negative) {
  return negative ? -(int64_t)q : (int64_t)q;
}

int64_t fides_dec_round(int64_t x) {
  uint64_t q, r;
  split(x, &q, &r);
  return with_sign(q + (r >= SCALE / 2), x < 0);
}

int64_t fides_dec_trunc(int64_t x) {
  uint64_t q, r;
  split(x, &q, &r);
  return with_sign(q, x < 0);
}

int64_t fides_dec_floor(int64_t x) {
  uint64_t q, r;
  split(x, &q, &r);
  return with_sign(q + (x < 0 && r != 0), x < 0);
}

int64_t fides_dec_ceil(int64_t x) {
  uint64_t q, r;
  split(x, &q, &r);
  return with_sign(q + (x > 0 && r != 0), x < 0);
}

int fides_dec_round_n(int64_t x, int64_t n, int64_t* out) {
  if (n >= FIDES_DECIMAL_DIGITS) {
    *out = x;
    return FIDES_OK;
  }
  /* unit = 10^(6 - n) scaled units; 10^19 is the largest power of ten in a
   * uint64_t, and for a larger unit every |x| <= 2^63 < unit / 2 rounds to 0. */
  if (n < FIDES_DECIMAL_DIGITS - 19) { /* checked before 6 - n can overflow */
    *out = 0;
    return FIDES_OK;
  }
  uint64_t unit = 1;
  for (int64_t i = 0; i < FIDES_DECIMAL_DIGITS - n; i++) unit *= 10;
  uint64_t m = fides_mag(x);
  uint64_t q = m / unit, rem = m % unit;
  if (rem >= unit - rem) q++; /* 2*rem >= unit */
  uint64_t hi, lo;
  fides_umul128(q, unit, &hi, &lo);
  if (hi != 0) return FIDES_ERR_OVERFLOW;
  return fides_signed_from_mag(lo, x < 0, out);
}

int64_t fides_dec_min(int64_t a, int64_t b) { return a < b ? a : b; }
int64_t fides_dec_max(int64_t a, int64_t b) { return a > b ? a : b; }
int64_t fides_dec_clamp(int64_t x, int64_t lo, int64_t hi) { return fides_int_clamp(x, lo, hi); }
