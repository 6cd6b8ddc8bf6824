// A hash index from key text to row: open addressing over one flat array of
// (hash, row) slots, the key texts themselves kept by the caller (a row's key
// is keys[row]). Much faster to build than a node-based map for millions of
// keys, and cheap to free. A slot is 8 bytes (half the hash and a 32-bit row:
// rows are counted in uint32_t lines anyway), so a million keys take 16 MiB.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "data/text_arena.h"

namespace fides::data {

class KeyIndex {
 public:
  // Room for n keys without growing; a hint only once keys are in.
  void reserve(size_t n);
  // Inserts `row` under `key` (== keys[row]) unless the key is already there.
  // Returns the row that holds the key afterwards: `row`, or the earlier one.
  int64_t insert(std::string_view key, int64_t row, const std::vector<fides_str>& keys);
  // The row holding `key`, or -1.
  int64_t find(std::string_view key, const std::vector<fides_str>& keys) const;
  size_t size() const { return size_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint32_t hash;  // the hash's upper half (the lower half picks the slot)
    uint32_t row;   // kEmpty: no key
  };
  // Twice the slots, every key placed again (its hash's lower half is not kept).
  void grow(const std::vector<fides_str>& keys);
  void place(uint64_t hash, uint32_t row);
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace fides::data
