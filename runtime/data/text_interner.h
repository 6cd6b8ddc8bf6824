// Copies a column's cells into an arena once per distinct value: the codes,
// names and categories that repeat across millions of fee lines (a few
// thousand service codes, fourteen fee types) then take their bytes once,
// while the views handed to packs stay what they are. A column whose values
// turn out mostly distinct (serial numbers, ID numbers, free text) stops
// being interned after a first sample, so it costs no more than a plain copy.
// One interner per column per reader: not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "data/text_arena.h"

namespace fides::data {

class TextInterner {
 public:
  // A view of `s` in `arena`, shared with earlier equal cells while interning.
  fides_str copy(std::string_view s, TextArena& arena);

 private:
  struct Slot {
    uint64_t hash;
    fides_str text;  // len -1: empty
  };
  static constexpr size_t kSample = 4096;  // cells seen before deciding
  void grow();

  std::vector<Slot> slots_;
  size_t distinct_ = 0, seen_ = 0;
  bool off_ = false;
};

}  // namespace fides::data
