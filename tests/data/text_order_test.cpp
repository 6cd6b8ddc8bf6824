#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>

#include "data/text_arena.h"
#include "data/text_order.h"

using namespace fides::data;

namespace {
// The order text_order must give: bytewise by text, ties by index.
std::vector<int64_t> sorted_plainly(const std::vector<fides_str>& texts) {
  std::vector<int64_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t a, int64_t b) { return view_of(texts[a]) < view_of(texts[b]); });
  return order;
}
}  // namespace

TEST_CASE("text order: long shared prefixes, prefixes of each other, NUL and high bytes, ties") {
  TextArena arena;
  std::vector<fides_str> texts;
  for (const char* s : {"FL000000000123", "FL000000000122", "FL00000000012", "FL000000000123x", "FL0000000001",
                        "FL000000000123", "FL00000000012\xff", "FL000000000120"})
    texts.push_back(arena.copy_str(s));
  texts.push_back(arena.copy_str(std::string("FL00000000012\0", 14)));
  texts.push_back(arena.copy_str(std::string("FL00000000012\0\0", 15)));
  CHECK(text_order(texts) == sorted_plainly(texts));
  CHECK(text_order({}).empty());
  std::vector<fides_str> empties{arena.copy_str(""), arena.copy_str(""), arena.copy_str("a")};
  CHECK(text_order(empties) == std::vector<int64_t>{0, 1, 2});
}

TEST_CASE("text order: random texts over a small alphabet agree with a plain sort") {
  std::mt19937 rng(20261203);
  for (int round = 0; round < 50; ++round) {
    TextArena arena;
    std::vector<fides_str> texts;
    const std::string prefix(rng() % 12, 'P');
    for (int i = 0; i < 300; ++i) {
      std::string s = prefix;
      for (size_t n = rng() % 14; n > 0; --n) s += "ab\0\xc3\xa9"[rng() % 5];
      texts.push_back(arena.copy_str(s));
    }
    CHECK(text_order(texts) == sorted_plainly(texts));
  }
}
