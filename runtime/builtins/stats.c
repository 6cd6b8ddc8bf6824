/* Statistics over a collection's values (spec §9.2): percentile and median,
 * population standard deviation, and counting distinct values. Both back
 * ends collect the values of an aggregate into a buffer and call these, so
 * the numeric core exists once. All arithmetic is exact on integers:
 * `unsigned __int128` is used for products, sums and shifts only (never / or
 * %, which would need a runtime-library call a pack does not have). */
#include <stdlib.h>

#include "internal.h"

typedef unsigned __int128 u128;
typedef __int128 i128;

static int cmp_i64(const void* a, const void* b) {
  int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void* a, const void* b) {
  return fides_text_cmp(*(const fides_str*)a, *(const fides_str*)b);
}

int64_t fides_count_distinct_int(int64_t* v, int64_t n) {
  if (n <= 0) return 0;
  qsort(v, (size_t)n, sizeof *v, cmp_i64);
  int64_t distinct = 1;
  for (int64_t i = 1; i < n; i++) distinct += v[i] != v[i - 1];
  return distinct;
}

int64_t fides_count_distinct_text(fides_str* v, int64_t n) {
  if (n <= 0) return 0;
  qsort(v, (size_t)n, sizeof *v, cmp_str);
  int64_t distinct = 1;
  for (int64_t i = 1; i < n; i++) distinct += fides_text_cmp(v[i], v[i - 1]) != 0;
  return distinct;
}

/* A signed 128-bit magnitude divided by 100, rounded half-up away from zero,
 * into int64. |x| < 100 * 2^64 so the quotient fits the 64-bit division. */
static int div100_round(i128 x, int64_t* out) {
  bool negative = x < 0;
  u128 m = negative ? (u128)0 - (u128)x : (u128)x;
  uint64_t rem, q = fides_udiv128((uint64_t)(m >> 64), (uint64_t)m, 100, &rem);
  if (rem >= 50) {
    if (q == UINT64_MAX) return FIDES_ERR_OVERFLOW;
    q++;
  }
  return fides_signed_from_mag(q, negative, out);
}

int fides_percentile(int64_t* v, int64_t n, int64_t p, bool ints, int64_t* out) {
  if (p < 0 || p > 100) return FIDES_ERR_DOMAIN;
  if (n <= 0) return FIDES_OK;
  qsort(v, (size_t)n, sizeof *v, cmp_i64);
  /* h = (n-1) p / 100 = i + f/100; the result is v_i + f/100 (v_i+1 - v_i),
   * i.e. ((100 - f) v_i + f v_i+1) / 100: a weighted mean, so its magnitude
   * is at most 100 * 2^63 before the division. */
  uint64_t h_hi, h_lo, f;
  fides_umul128((uint64_t)(n - 1), (uint64_t)p, &h_hi, &h_lo); /* < 100 * 2^63 */
  uint64_t i = fides_udiv128(h_hi, h_lo, 100, &f);
  i128 lo = v[i], hi = f ? v[i + 1] : 0;
  i128 weighted = (i128)(100 - f) * lo + (i128)f * hi;
  if (!ints) return div100_round(weighted, out);
  /* int values: the decimal result is weighted / 100 * 10^6, exact. */
  i128 scaled = weighted * 10000;
  if (scaled > INT64_MAX || scaled < INT64_MIN) return FIDES_ERR_OVERFLOW;
  *out = (int64_t)scaled;
  return FIDES_OK;
}

/* Unsigned 384-bit integers, little-endian 64-bit limbs: enough for
 * 4 * 10^12 * n * sum(y^2) with y < 2^64 and n < 2^63. */
#define LIMBS 6
typedef struct {
  uint64_t w[LIMBS];
} big;

static void big_add_u128(big* x, u128 v) {
  u128 carry = v;
  for (int i = 0; i < LIMBS && carry; i++) {
    u128 s = (u128)x->w[i] + (uint64_t)carry;
    x->w[i] = (uint64_t)s;
    carry = (carry >> 64) + (s >> 64);
  }
}

/* x * y, truncated to LIMBS limbs (the callers' values never reach that). */
static big big_mul(const big* x, const big* y) {
  big r = {{0}};
  for (int i = 0; i < LIMBS; i++) {
    if (!x->w[i]) continue;
    uint64_t carry = 0;
    for (int j = 0; i + j < LIMBS; j++) {
      u128 t = (u128)x->w[i] * y->w[j] + r.w[i + j] + carry;
      r.w[i + j] = (uint64_t)t;
      carry = (uint64_t)(t >> 64);
    }
  }
  return r;
}

static big big_of(u128 v) {
  big r = {{(uint64_t)v, (uint64_t)(v >> 64)}};
  return r;
}

/* x - y for x >= y. */
static big big_sub(const big* x, const big* y) {
  big r;
  uint64_t borrow = 0;
  for (int i = 0; i < LIMBS; i++) {
    u128 d = (u128)x->w[i] - y->w[i] - borrow;
    r.w[i] = (uint64_t)d;
    borrow = (uint64_t)(d >> 64) & 1;
  }
  return r;
}

/* floor(x / d), d != 0, limb by limb from the top (the running remainder
 * stays below d, as fides_udiv128 requires). */
static big big_div_u64(const big* x, uint64_t d) {
  big r;
  uint64_t rem = 0;
  for (int i = LIMBS - 1; i >= 0; i--) r.w[i] = fides_udiv128(rem, x->w[i], d, &rem);
  return r;
}

/* floor(sqrt(v)), bit by bit: shifts, compares and subtractions only. */
static uint64_t isqrt128(u128 v) {
  u128 res = 0, bit = (u128)1 << 126;
  while (bit > v) bit >>= 2;
  while (bit) {
    if (v >= res + bit) {
      v -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  return (uint64_t)res;
}

int fides_stddev(const int64_t* v, int64_t n, bool ints, int64_t* out) {
  if (n <= 0) return FIDES_OK;
  /* The variance does not change when every value is shifted: y = x - min
   * is in [0, 2^64), so the sums below are unsigned. */
  int64_t lo = v[0];
  for (int64_t i = 1; i < n; i++) lo = v[i] < lo ? v[i] : lo;
  u128 s1 = 0;
  big s2 = {{0}};
  for (int64_t i = 0; i < n; i++) {
    uint64_t y = (uint64_t)v[i] - (uint64_t)lo;
    s1 += y;
    big_add_u128(&s2, (u128)y * y);
  }
  /* variance = (n s2 - s1^2) / n^2. The result r (in units of 10^-6) rounded
   * half-up is the largest k with k - 1/2 <= r, i.e. (2k - 1)^2 <= 4 r^2 =
   * floor(4 D / n^2) with D = (n s2 - s1^2) (times 10^12 for int values). */
  big nn = big_of((uint64_t)n), a = big_mul(&s2, &nn), s1b = big_of(s1), b = big_mul(&s1b, &s1b);
  big d = big_sub(&a, &b);
  big four = big_of(ints ? (u128)4000000000000u : 4u);
  d = big_mul(&d, &four);
  d = big_div_u64(&d, (uint64_t)n);
  d = big_div_u64(&d, (uint64_t)n);
  for (int i = 2; i < LIMBS; i++)
    if (d.w[i]) return FIDES_ERR_OVERFLOW;
  uint64_t s = isqrt128(((u128)d.w[1] << 64) | d.w[0]);
  uint64_t k = s / 2 + (s & 1); /* (s + 1) / 2 without overflow */
  return fides_signed_from_mag(k, false, out);
}
