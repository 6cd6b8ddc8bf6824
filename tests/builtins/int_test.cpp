#include "test_util.h"

using namespace fides_test;

TEST_CASE("int add, sub, mul detect overflow at the int64 extremes") {
  int64_t r = 0;
  CHECK(fides_int_add(2, 3, &r) == FIDES_OK);
  CHECK(r == 5);
  CHECK(fides_int_add(INT64_MAX, 0, &r) == FIDES_OK);
  CHECK(fides_int_add(INT64_MAX - 1, 1, &r) == FIDES_OK);
  CHECK(r == INT64_MAX);
  r = 42;
  CHECK(fides_int_add(INT64_MAX, 1, &r) == FIDES_ERR_OVERFLOW);
  CHECK(r == 42);  // untouched on failure
  CHECK(fides_int_add(INT64_MIN, -1, &r) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_add(INT64_MIN, INT64_MAX, &r) == FIDES_OK);
  CHECK(r == -1);

  CHECK(fides_int_sub(INT64_MIN, 1, &r) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_sub(0, INT64_MIN, &r) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_sub(-1, INT64_MIN, &r) == FIDES_OK);
  CHECK(r == INT64_MAX);
  CHECK(fides_int_sub(INT64_MAX, -1, &r) == FIDES_ERR_OVERFLOW);

  CHECK(fides_int_mul(-7, 6, &r) == FIDES_OK);
  CHECK(r == -42);
  CHECK(fides_int_mul(INT64_MIN, -1, &r) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_mul(INT64_MIN, 1, &r) == FIDES_OK);
  CHECK(r == INT64_MIN);
  CHECK(fides_int_mul(INT64_C(3037000500), INT64_C(3037000500), &r) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_mul(INT64_C(3037000499), INT64_C(3037000499), &r) == FIDES_OK);
  CHECK(fides_int_mul(INT64_MAX / 2 + 1, 2, &r) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_mul(INT64_MIN / 2, 2, &r) == FIDES_OK);
  CHECK(r == INT64_MIN);
}

TEST_CASE("int neg and abs fail only on INT64_MIN") {
  int64_t r = 0;
  CHECK(fides_int_neg(5, &r) == FIDES_OK);
  CHECK(r == -5);
  CHECK(fides_int_neg(INT64_MAX, &r) == FIDES_OK);
  CHECK(r == -INT64_MAX);
  CHECK(fides_int_neg(INT64_MIN, &r) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_abs(-5, &r) == FIDES_OK);
  CHECK(r == 5);
  CHECK(fides_int_abs(0, &r) == FIDES_OK);
  CHECK(r == 0);
  CHECK(fides_int_abs(-INT64_MAX, &r) == FIDES_OK);
  CHECK(r == INT64_MAX);
  CHECK(fides_int_abs(INT64_MIN, &r) == FIDES_ERR_OVERFLOW);
}

TEST_CASE("int division yields a decimal") {
  int64_t r = 0;
  CHECK(fides_int_div(1, 3, &r) == FIDES_OK);
  CHECK(dec(r) == "0.333333");
  CHECK(fides_int_div(2, 3, &r) == FIDES_OK);
  CHECK(dec(r) == "0.666667");
  CHECK(fides_int_div(-2, 3, &r) == FIDES_OK);
  CHECK(dec(r) == "-0.666667");
  CHECK(fides_int_div(7, 2, &r) == FIDES_OK);
  CHECK(dec(r) == "3.5");
  CHECK(fides_int_div(1, 2000000, &r) == FIDES_OK);  // 0.0000005 → half-up
  CHECK(dec(r) == "0.000001");
  CHECK(fides_int_div(-1, 2000000, &r) == FIDES_OK);
  CHECK(dec(r) == "-0.000001");
  CHECK(fides_int_div(1, 2000001, &r) == FIDES_OK);
  CHECK(dec(r) == "0");
  CHECK(fides_int_div(5, 0, &r) == FIDES_ERR_DIV_ZERO);
  CHECK(fides_int_div(0, 0, &r) == FIDES_ERR_DIV_ZERO);
  CHECK(fides_int_div(INT64_MAX, 1, &r) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_div(9223372036854, 1, &r) == FIDES_OK);
  CHECK(fides_int_div(9223372036855, 1, &r) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_div(INT64_MIN, INT64_MIN, &r) == FIDES_OK);
  CHECK(dec(r) == "1");
  CHECK(fides_int_div(INT64_MAX, INT64_MIN, &r) == FIDES_OK);
  CHECK(dec(r) == "-1");  // -0.99999999999999999989 rounds to -1
}

TEST_CASE("int min, max, clamp") {
  CHECK(fides_int_min(INT64_MIN, INT64_MAX) == INT64_MIN);
  CHECK(fides_int_max(INT64_MIN, INT64_MAX) == INT64_MAX);
  CHECK(fides_int_clamp(5, 0, 10) == 5);
  CHECK(fides_int_clamp(-5, 0, 10) == 0);
  CHECK(fides_int_clamp(15, 0, 10) == 10);
  CHECK(fides_int_clamp(5, 10, 0) == 10);  // lo > hi: lo wins
  CHECK(fides_int_clamp(-300, -300, 0) == -300);
}
