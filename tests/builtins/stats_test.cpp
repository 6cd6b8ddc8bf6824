// percentile, stddev, count(distinct) cores; floored div/mod; SHA-256 and
// uniform. Expected values were computed independently with Python's exact
// fractions.Fraction / decimal.Decimal (120 digits, ROUND_HALF_UP) and
// hashlib, not with the algorithms under test.
#include <cstring>
#include <limits>
#include <vector>

#include "test_util.h"

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

int64_t pct(std::vector<int64_t> v, int64_t p, bool ints) {
  int64_t out = 0;
  REQUIRE(fides_percentile(v.data(), static_cast<int64_t>(v.size()), p, ints, &out) == FIDES_OK);
  return out;
}

int64_t sd(const std::vector<int64_t>& v, bool ints) {
  int64_t out = 0;
  REQUIRE(fides_stddev(v.data(), static_cast<int64_t>(v.size()), ints, &out) == FIDES_OK);
  return out;
}

fides_str str(const char* s) { return fides_str{s, static_cast<int64_t>(std::strlen(s))}; }

}  // namespace

TEST_CASE("percentile of ints interpolates exactly") {
  CHECK(pct({5}, 50, true) == 5000000);
  CHECK(pct({1, 2}, 50, true) == 1500000);
  CHECK(pct({1, 2}, 0, true) == 1000000);
  CHECK(pct({1, 2}, 100, true) == 2000000);
  CHECK(pct({3, 1, 4, 1, 5, 9, 2, 6}, 50, true) == 3500000);
  CHECK(pct({3, 1, 4, 1, 5, 9, 2, 6}, 90, true) == 6900000);
  CHECK(pct({3, 1, 4, 1, 5, 9, 2, 6}, 33, true) == 2310000);
  CHECK(pct({10, 20, 30, 40}, 37, true) == 21100000);
  CHECK(pct({9223372036854, -9223372036854}, 0, true) == -9223372036854000000);
}

TEST_CASE("percentile of decimals rounds half-up away from zero") {
  CHECK(pct({-1500000, -2500000, 1000001}, 50, false) == -1500000);
  CHECK(pct({-1, -2}, 50, false) == -2);  // -0.0000015 -> -0.000002
  CHECK(pct({-1, -2}, 25, false) == -2);  // -0.00000175
  CHECK(pct({1, 2}, 25, false) == 1);     // 0.00000125
  CHECK(pct({-3, 0}, 50, false) == -2);   // -0.0000015
  CHECK(pct({kMax, kMax - 1}, 50, false) == kMax);
  CHECK(pct({kMin, kMax}, 50, false) == -1);
  CHECK(pct({kMin, kMax}, 99, false) == 9038904596117680291);
}

TEST_CASE("percentile errors and the empty collection") {
  int64_t out = 7;
  std::vector<int64_t> v{1, 2};
  CHECK(fides_percentile(v.data(), 2, -1, true, &out) == FIDES_ERR_DOMAIN);
  CHECK(fides_percentile(v.data(), 2, 101, true, &out) == FIDES_ERR_DOMAIN);
  CHECK(fides_percentile(nullptr, 0, 101, true, &out) == FIDES_ERR_DOMAIN);
  CHECK(fides_percentile(nullptr, 0, 50, true, &out) == FIDES_OK);
  CHECK(out == 7);
  std::vector<int64_t> big{9223372036855, 1};
  CHECK(fides_percentile(big.data(), 2, 100, true, &out) == FIDES_ERR_OVERFLOW);
  CHECK(out == 7);
}

TEST_CASE("stddev is the exact root of the exact population variance") {
  CHECK(sd({5}, true) == 0);
  CHECK(sd({1, 2}, true) == 500000);
  CHECK(sd({2, 4, 4, 4, 5, 5, 7, 9}, true) == 2000000);
  CHECK(sd({1, 2, 3}, true) == 816497);
  CHECK(sd({-7, 3, 3, 11, -2}, true) == 5986652);
  CHECK(sd({1, 2, 3}, false) == 1);           // 0.000000816…
  CHECK(sd({0, 1}, false) == 1);              // 0.0000005 rounds up
  CHECK(sd({0, 0, 1}, false) == 0);           // 0.000000471…
  CHECK(sd({-5000000, 5000000}, false) == 5000000);
  CHECK(sd({1000000000000000, 1000000000000002}, true) == 1000000);  // beyond decimal range, spread 1
  int64_t out = 7;
  std::vector<int64_t> wide{kMax, kMin};  // 2^63 units: one too many
  CHECK(fides_stddev(wide.data(), 2, false, &out) == FIDES_ERR_OVERFLOW);
  CHECK(fides_stddev(nullptr, 0, false, &out) == FIDES_OK);
  CHECK(out == 7);
}

TEST_CASE("stddev of many large values does not overflow the exact sums") {
  std::vector<int64_t> v;
  for (int i = 0; i < 100000; ++i) v.push_back(i % 2 ? kMax : kMax - 2000000);
  CHECK(sd(v, false) == 1000000);
}

TEST_CASE("count distinct sorts and counts") {
  std::vector<int64_t> ints{3, 1, 3, kMin, kMax, 1, 0};
  CHECK(fides_count_distinct_int(ints.data(), 7) == 5);
  CHECK(fides_count_distinct_int(nullptr, 0) == 0);
  std::vector<fides_str> texts{str("b"), str("a"), str(""), str("b"), str("ab"), fides_str{nullptr, 0}};
  CHECK(fides_count_distinct_text(texts.data(), 6) == 4);
}

TEST_CASE("div and mod are floored") {
  int64_t q = 0, r = 0;
  struct Case { int64_t a, b, q, r; };
  for (Case c : {Case{7, 2, 3, 1}, Case{-7, 2, -4, 1}, Case{7, -2, -4, -1}, Case{-7, -2, 3, -1},
                 Case{6, 3, 2, 0}, Case{-6, 3, -2, 0}, Case{0, -5, 0, 0}, Case{kMin, 1, kMin, 0},
                 Case{kMax, -1, -kMax, 0}, Case{kMin, 2, kMin / 2, 0}, Case{kMin, 3, -3074457345618258603, 1}}) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    REQUIRE(fides_int_floor_div(c.a, c.b, &q) == FIDES_OK);
    REQUIRE(fides_int_floor_mod(c.a, c.b, &r) == FIDES_OK);
    CHECK(q == c.q);
    CHECK(r == c.r);
  }
  CHECK(fides_int_floor_div(1, 0, &q) == FIDES_ERR_DIV_ZERO);
  CHECK(fides_int_floor_mod(1, 0, &r) == FIDES_ERR_DIV_ZERO);
  CHECK(fides_int_floor_div(kMin, -1, &q) == FIDES_ERR_OVERFLOW);
  CHECK(fides_int_floor_mod(kMin, -1, &r) == FIDES_OK);
  CHECK(r == 0);
}

TEST_CASE("uniform pins SHA-256(seed 0x00 key)") {
  // python3: u = int.from_bytes(hashlib.sha256(seed.encode() + b"\0" + key.encode()).digest()[:8], "big");
  //          (u * 10**6) >> 64
  CHECK(fides_uniform(str("S001"), str("2024")) == 980330);
  CHECK(fides_uniform(str(""), str("")) == 430481);
  CHECK(fides_uniform(str("张三"), str("种子")) == 616014);
  CHECK(fides_uniform(str("P0001"), str("seed-42")) == 155726);
}

TEST_CASE("sha256 known answers, fed in pieces") {
  fides_sha256 s;
  uint8_t d[32];
  fides_sha256_init(&s);
  fides_sha256_update(&s, "a", 1);
  fides_sha256_update(&s, nullptr, 0);
  fides_sha256_update(&s, "bc", 2);
  fides_sha256_final(&s, d);
  // sha256("abc") = ba7816bf…
  CHECK(d[0] == 0xba);
  CHECK(d[1] == 0x78);
  CHECK(d[31] == 0xad);
}

TEST_CASE("text hash: equal texts hash equal") {
  CHECK(fides_text_hash(str("医保")) == fides_text_hash(fides_str{"医保x", 6}));
  CHECK(fides_text_hash(str("")) == fides_text_hash(fides_str{nullptr, 0}));
  CHECK(fides_text_hash(str("a")) != fides_text_hash(str("b")));
}
