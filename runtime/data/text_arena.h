// Stable storage for the text of a dataset: cells, keys, table entries and
// parameter values are copied here once and handed to packs as fides_str.
// Bytes never move, so the views stay valid for the dataset's lifetime.
// Not thread-safe: each thread of the loader fills its own, and adopt() gathers them.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "fides/pack_abi.h"

namespace fides::data {

class TextArena {
 public:
  // A copy of s that lives as long as the arena.
  std::string_view copy(std::string_view s);
  fides_str copy_str(std::string_view s) {
    std::string_view v = copy(s);
    return {v.data(), static_cast<int64_t>(v.size())};
  }
  size_t bytes() const { return total_; }
  // Takes over the text of `other` (whose views stay valid), e.g. of a
  // part of the input read on another thread.
  void adopt(TextArena&& other);

 private:
  static constexpr size_t kBlock = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = kBlock;  // bytes used in blocks_.back()
  size_t total_ = 0;
};

inline std::string_view view_of(const fides_str& s) {
  return s.len > 0 ? std::string_view(s.ptr, static_cast<size_t>(s.len)) : std::string_view();
}

}  // namespace fides::data
