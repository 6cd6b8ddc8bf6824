// Random credit files for a pack, generated from its descriptor (records,
// fields, types, reference targets) and seeded with what the pack's sources
// and tables mention (string literals, table keys, like patterns, numbers,
// dates), so that table membership, `==`, group-bys and `like` actually match.
//
// The values are drawn to hit the evaluation contract's edges: empty cells
// for optional fields, zero, negatives, numbers near the int64 and decimal
// limits, 6-decimal values and .5 rounding boundaries, dates around month
// ends, leap days and the ends of the calendar, duplicate keys, references
// that mostly resolve but sometimes dangle, Chinese text, and text with
// commas, quotes and newlines.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lower/pack_description.h"

namespace fides::difftest {

// splitmix64: deterministic on every platform (std distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // [0, n) for n > 0.
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
  // [lo, hi] inclusive.
  int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1)); }
  // true with probability percent/100.
  bool chance(unsigned percent) { return below(100) < percent; }
  bool permille(unsigned n) { return below(1000) < n; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  uint64_t s_;
};

// What a pack's text says, collected once per pack.
struct Seeds {
  std::vector<std::string> texts;                          // string literals and table cells
  std::vector<std::string> patterns;                       // literals with % or _ (like patterns)
  std::map<std::string, std::vector<std::string>> near;    // identifier → texts on the same lines
  std::vector<int64_t> ints;                               // integer literals (and ±1)
  std::vector<std::string> decimals;                       // decimal literals as written
  std::vector<int32_t> dates;                              // date literals (days since 1970-01-01)
};

Seeds collect_seeds(const lower::PackDescription& pack);

// The CSV text of every record (record name → text with a header row).
// With `edge_sizes`, now and then a record is empty or has a single row and
// the scale may be tiny; without, every record has rows at a scale of at
// least 8 (so that rows reach the rules when references must resolve).
std::map<std::string, std::string> generate(const lower::PackDescription& pack, const Seeds& seeds, uint64_t seed,
                                            bool edge_sizes = true);

// A CSV cell, quoted when it needs to be.
std::string csv_cell(const std::string& s);

}  // namespace fides::difftest
