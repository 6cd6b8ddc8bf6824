#include "data/key_index.h"

#include <functional>

namespace fides::data {
namespace {
uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }
}  // namespace

void KeyIndex::reserve(size_t n) {
  size_t want = 16;
  while (want < 2 * n) want *= 2;
  if (want <= slots_.size()) return;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(want, Slot{0, -1});
  const size_t mask = want - 1;
  for (const Slot& s : old) {
    if (s.row < 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].row >= 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void KeyIndex::grow() { reserve(slots_.empty() ? 8 : slots_.size()); }

int64_t KeyIndex::insert(std::string_view key, int64_t row, const std::vector<fides_str>& keys) {
  if (2 * (size_ + 1) > slots_.size()) grow();
  const uint64_t h = hash_of(key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.row < 0) {
      s = {h, row};
      ++size_;
      return row;
    }
    if (s.hash == h && view_of(keys[s.row]) == key) return s.row;
  }
}

int64_t KeyIndex::find(std::string_view key, const std::vector<fides_str>& keys) const {
  if (slots_.empty()) return -1;
  const uint64_t h = hash_of(key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.row < 0) return -1;
    if (s.hash == h && view_of(keys[s.row]) == key) return s.row;
  }
}

}  // namespace fides::data
