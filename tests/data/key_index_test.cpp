#include <doctest/doctest.h>

#include <string>

#include "data/key_index.h"

using namespace fides::data;

TEST_CASE("key index: first row of a key wins; lookups after growth") {
  TextArena arena;
  std::vector<fides_str> keys;
  KeyIndex index;
  for (int i = 0; i < 10000; ++i) {
    keys.push_back(arena.copy_str("K" + std::to_string(i % 7000)));
    int64_t held = index.insert(view_of(keys.back()), i, keys);
    CHECK(held == (i < 7000 ? i : i - 7000));
  }
  CHECK(index.size() == 7000);
  CHECK(index.find("K6999", keys) == 6999);
  CHECK(index.find("K7000", keys) == -1);
  CHECK(index.find("", keys) == -1);
  KeyIndex empty;
  CHECK(empty.find("K1", keys) == -1);
}

TEST_CASE("key index: reserve once keys are in keeps them (a slot keeps only half the hash)") {
  TextArena arena;
  std::vector<fides_str> keys;
  KeyIndex index;
  auto add = [&](int i) {
    keys.push_back(arena.copy_str("R" + std::to_string(i)));
    index.insert(view_of(keys.back()), i, keys);
  };
  for (int i = 0; i < 100; ++i) add(i);
  index.reserve(100000);
  for (int i = 0; i < 100; ++i) CHECK(index.find("R" + std::to_string(i), keys) == i);
  for (int i = 100; i < 5000; ++i) add(i);
  for (int i = 0; i < 5000; i += 7) CHECK(index.find("R" + std::to_string(i), keys) == i);
  CHECK(index.size() == 5000);
}
