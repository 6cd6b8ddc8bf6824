// fides-gen: small utilities — the random generator, calendar dates, money.
//
// Everything the generator writes depends only on its arguments: the random
// numbers come from our own xoshiro256** seeded through splitmix64 (no
// std::*_distribution, whose results differ between standard libraries), and
// money is kept in integer cents.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "builtins/fides_builtins.h"

namespace fides::gen {

// ------------------------------------------------------------------ random

inline uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A seed derived from several integers (the run's seed, a stream name, an index).
inline uint64_t derive_seed(uint64_t a, uint64_t b, uint64_t c = 0, uint64_t d = 0) {
  uint64_t x = a;
  uint64_t h = splitmix64(x);
  x = h ^ (b * 0xd6e8feb86659fd93ULL);
  h = splitmix64(x);
  x = h ^ (c * 0xa0761d6478bd642fULL);
  h = splitmix64(x);
  x = h ^ (d * 0xe7037ed1a0b428dbULL);
  return splitmix64(x);
}

class Rng {
 public:
  Rng() { reseed(1); }
  explicit Rng(uint64_t seed) { reseed(seed); }
  void reseed(uint64_t seed) {
    uint64_t x = seed;
    for (auto& v : s_) v = splitmix64(x);
  }
  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // 0 <= r < n (n > 0), by multiply-shift.
  uint64_t below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
  // lo <= r <= hi.
  int range(int lo, int hi) { return hi <= lo ? lo : lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo) + 1)); }
  int64_t range64(int64_t lo, int64_t hi) {
    return hi <= lo ? lo : lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // [0, 1) with 53 bits.
  double real() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return real() < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
  // Index drawn with the given non-negative weights (at least one positive).
  size_t weighted(const std::vector<double>& w) {
    double total = 0;
    for (double x : w) total += x;
    double r = real() * total;
    for (size_t i = 0; i < w.size(); ++i) {
      if (r < w[i]) return i;
      r -= w[i];
    }
    for (size_t i = w.size(); i-- > 0;)
      if (w[i] > 0) return i;
    return 0;
  }
  // Poisson (Knuth's product method; small means only). exp is computed by
  // its series so that no libm difference can change a run.
  int poisson(double mean) {
    if (mean <= 0) return 0;
    double e = 1.0, term = 1.0;
    for (int k = 1; k < 80; ++k) {
      term *= mean / k;
      e += term;
    }
    const double limit = 1.0 / e;
    int k = 0;
    double p = 1.0;
    do {
      ++k;
      p *= real();
    } while (p > limit && k < 200);
    return k - 1;
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// ------------------------------------------------------------------ dates
// A date is the number of days since 1970-01-01. The calendar arithmetic is
// the runtime's own (fides_builtins), so the generator's dates and ages are
// exactly those the language computes from the files it writes.

// A valid calendar day (the generator never asks for another).
inline int days_from_civil(int y, unsigned m, unsigned d) {
  int32_t out = 0;
  fides_date_from_ymd(y, m, d, &out);
  return out;
}

struct Civil {
  int y;
  unsigned m, d;
};

inline Civil civil_from_days(int z) {
  int32_t y = 0, m = 0, d = 0;
  fides_date_to_ymd(z, &y, &m, &d);
  return {y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
}

inline bool is_leap(int y) { return fides_is_leap_year(y); }
inline int days_in_month(int y, unsigned m) { return fides_days_in_month(y, m); }

// First day of the month of a date.
inline int month_start(int day) {
  Civil c = civil_from_days(day);
  return days_from_civil(c.y, c.m, 1);
}

// Completed years from birth to day: the language's years_between.
inline int age_on(int birth, int day) { return static_cast<int>(fides_years_between(birth, day)); }

// The day someone born on `birth` turns `years` (29 February → 1 March).
inline int birthday_at(int birth, int years) {
  Civil b = civil_from_days(birth);
  int y = b.y + years;
  if (b.m == 2 && b.d == 29 && !is_leap(y)) return days_from_civil(y, 3, 1);
  return days_from_civil(y, b.m, b.d);
}

void append_date(std::string& out, int day);  // YYYY-MM-DD
std::string date_text(int day);
void append_date_compact(std::string& out, int day);  // YYYYMMDD

// ------------------------------------------------------------------ money (cents)

void append_money(std::string& out, int64_t cents);  // 12.30, -0.05
std::string money_text(int64_t cents);
// Parses "12", "12.3", "12.30" (at most 6 decimals, rounded half-up to cents); false when not a number.
bool parse_money(std::string_view s, int64_t& cents);
bool parse_int(std::string_view s, int64_t& v);

// cents × permille / 1000, rounded half-up (non-negative amounts).
inline int64_t apply_permille(int64_t cents, int permille) {
  return (cents * permille + 500) / 1000;
}

// ------------------------------------------------------------------ text

void append_uint(std::string& out, uint64_t v);
void append_int(std::string& out, int64_t v);
void append_padded(std::string& out, uint64_t v, int width);  // zero-padded
std::string padded(uint64_t v, int width);
std::string_view trim(std::string_view s);
bool starts_with(std::string_view s, std::string_view p);
bool contains(std::string_view s, std::string_view p);
std::vector<std::string> split_ws(std::string_view s);

}  // namespace fides::gen
