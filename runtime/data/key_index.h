// A hash index from key text to row: open addressing over one flat array of
// (hash, row) slots, the key texts themselves kept by the caller (a row's key
// is keys[row]). Much faster to build than a node-based map for millions of
// keys, and cheap to free.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "data/text_arena.h"

namespace fides::data {

class KeyIndex {
 public:
  // Room for n keys without growing.
  void reserve(size_t n);
  // Inserts `row` under `key` (== keys[row]) unless the key is already there.
  // Returns the row that holds the key afterwards: `row`, or the earlier one.
  int64_t insert(std::string_view key, int64_t row, const std::vector<fides_str>& keys);
  // The row holding `key`, or -1.
  int64_t find(std::string_view key, const std::vector<fides_str>& keys) const;
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash;
    int64_t row;  // -1: empty
  };
  void grow();
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace fides::data
