#include "data/key_index.h"

#include <functional>

namespace fides::data {
namespace {
uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }
uint32_t upper_half(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
size_t slots_for(size_t n) {
  size_t want = 16;
  while (want < 2 * n) want *= 2;
  return want;
}
}  // namespace

void KeyIndex::reserve(size_t n) {
  if (size_ == 0 && slots_for(n) > slots_.size()) slots_.assign(slots_for(n), Slot{0, kEmpty});
}

void KeyIndex::place(uint64_t hash, uint32_t row) {
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].row != kEmpty) i = (i + 1) & mask;
  slots_[i] = {upper_half(hash), row};
}

void KeyIndex::grow(const std::vector<fides_str>& keys) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : 2 * old.size(), Slot{0, kEmpty});
  for (const Slot& s : old)
    if (s.row != kEmpty) place(hash_of(view_of(keys[s.row])), s.row);
}

int64_t KeyIndex::insert(std::string_view key, int64_t row, const std::vector<fides_str>& keys) {
  if (2 * (size_ + 1) > slots_.size()) grow(keys);
  const uint64_t h = hash_of(key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.row == kEmpty) {
      s = {upper_half(h), static_cast<uint32_t>(row)};
      ++size_;
      return row;
    }
    if (s.hash == upper_half(h) && view_of(keys[s.row]) == key) return s.row;
  }
}

int64_t KeyIndex::find(std::string_view key, const std::vector<fides_str>& keys) const {
  if (slots_.empty()) return -1;
  const uint64_t h = hash_of(key);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.row == kEmpty) return -1;
    if (s.hash == upper_half(h) && view_of(keys[s.row]) == key) return s.row;
  }
}

}  // namespace fides::data
