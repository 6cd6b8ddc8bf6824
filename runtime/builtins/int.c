/* int: 64-bit signed arithmetic where overflow is an error, never a wrap. */
#include "internal.h"

int fides_int_add(int64_t a, int64_t b, int64_t* out) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return FIDES_ERR_OVERFLOW;
  *out = r;
  return FIDES_OK;
}

int fides_int_sub(int64_t a, int64_t b, int64_t* out) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) return FIDES_ERR_OVERFLOW;
  *out = r;
  return FIDES_OK;
}

int fides_int_mul(int64_t a, int64_t b, int64_t* out) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return FIDES_ERR_OVERFLOW;
  *out = r;
  return FIDES_OK;
}

int fides_int_neg(int64_t a, int64_t* out) {
  if (a == INT64_MIN) return FIDES_ERR_OVERFLOW;
  *out = -a;
  return FIDES_OK;
}

int fides_int_abs(int64_t a, int64_t* out) {
  if (a == INT64_MIN) return FIDES_ERR_OVERFLOW;
  *out = a < 0 ? -a : a;
  return FIDES_OK;
}

/* a / b as a decimal is (a * 10^6) / b, which is exactly what fides_dec_div
 * computes for two scaled operands. */
int fides_int_div(int64_t a, int64_t b, int64_t* out_decimal) {
  return fides_dec_div(a, b, out_decimal);
}

int64_t fides_int_min(int64_t a, int64_t b) { return a < b ? a : b; }
int64_t fides_int_max(int64_t a, int64_t b) { return a > b ? a : b; }
int64_t fides_int_clamp(int64_t x, int64_t lo, int64_t hi) {
  int64_t r = x < hi ? x : hi;
  return r > lo ? r : lo;
}

/* Floored division (spec §9.3): the quotient rounds toward -infinity and the
 * remainder takes the divisor's sign, as spreadsheets' INT(a/b) and MOD. */
int fides_int_floor_div(int64_t a, int64_t b, int64_t* out) {
  if (b == 0) return FIDES_ERR_DIV_ZERO;
  if (a == INT64_MIN && b == -1) return FIDES_ERR_OVERFLOW;
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) q--;
  *out = q;
  return FIDES_OK;
}

int fides_int_floor_mod(int64_t a, int64_t b, int64_t* out) {
  if (b == 0) return FIDES_ERR_DIV_ZERO;
  if (b == -1) { /* INT64_MIN % -1 is undefined in C; the remainder is 0 */
    *out = 0;
    return FIDES_OK;
  }
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  *out = r;
  return FIDES_OK;
}
