// Helpers for the built-ins' tests: literals in, printed text out.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "builtins/fides_builtins.h"

namespace fides_test {

// A fides_str over a string_view (which may hold NULs or invalid UTF-8).
inline fides_str S(std::string_view s) { return fides_str{s.data(), (int64_t)s.size()}; }

inline std::string str(fides_str s) { return std::string(s.ptr, (size_t)s.len); }

// A decimal from its literal text; fails the test if the literal is bad.
inline int64_t D(std::string_view text) {
  int64_t v = 0;
  int st = fides_parse_decimal(S(text), &v);
  REQUIRE_MESSAGE(st == FIDES_OK, "bad decimal literal in test: " << text);
  return v;
}

inline int32_t Date(std::string_view text) {
  int32_t v = 0;
  int st = fides_parse_date(S(text), &v);
  REQUIRE_MESSAGE(st == FIDES_OK, "bad date literal in test: " << text);
  return v;
}

inline std::string dec(int64_t v) {
  char buf[FIDES_DECIMAL_BUF];
  fides_format_decimal(v, buf);
  return buf;
}

inline std::string money(int64_t v) {
  char buf[FIDES_MONEY_BUF];
  fides_format_money(v, buf);
  return buf;
}

inline std::string date(int32_t d) {
  char buf[FIDES_DATE_BUF];
  fides_format_date(d, buf);
  return buf;
}

// Deterministic pseudo-random numbers (xorshift64*), for cross-checks.
struct Rng {
  uint64_t s = 0x9E3779B97F4A7C15ull;
  uint64_t next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 0x2545F4914F6CDD1Dull;
  }
  // A value whose magnitude is spread over all bit widths, both signs.
  int64_t wide() {
    uint64_t v = next() >> (next() % 64);
    return (next() & 1) ? -(int64_t)(v >> 1) : (int64_t)(v >> 1);
  }
  uint64_t below(uint64_t n) { return next() % n; }
};

}  // namespace fides_test
