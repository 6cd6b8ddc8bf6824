// bench baseline: key → row index, an open-addressing hash table over
// string_views that point into the mapped files (nothing is copied).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace bench {

inline uint64_t hash_key(std::string_view s) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
  }
  uint64_t w = 0;
  std::memcpy(&w, s.data() + i, s.size() - i);
  h = (h ^ w) * 0x94d049bb133111ebULL;
  return h ^ (h >> 29);
}

class KeyMap {
 public:
  explicit KeyMap(size_t expected = 16) {
    size_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
  }
  // The index stored for key, or inserts `index` and returns it.
  int32_t insert(std::string_view key, int32_t index) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    Slot& s = find_slot(key);
    if (s.index < 0) {
      s = Slot{key, index};
      ++size_;
    }
    return s.index;
  }
  // -1 when absent.
  int32_t find(std::string_view key) const { return const_cast<KeyMap*>(this)->find_slot(key).index; }
  size_t size() const { return size_; }

 private:
  struct Slot {
    std::string_view key;
    int32_t index = -1;
  };
  Slot& find_slot(std::string_view key) {
    size_t mask = slots_.size() - 1;
    for (size_t i = hash_key(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.index < 0 || s.key == key) return s;
    }
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{});
    size_ = 0;
    for (const Slot& s : old)
      if (s.index >= 0) insert(s.key, s.index);
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace bench
