#include "data/text_interner.h"

#include <functional>

namespace fides::data {

void TextInterner::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{0, {"", -1}});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.text.len < 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].text.len >= 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

fides_str TextInterner::copy(std::string_view s, TextArena& arena) {
  if (off_) return arena.copy_str(s);
  if (++seen_ == kSample && 2 * distinct_ > kSample) {
    off_ = true;  // mostly distinct: interning would only add a table
    slots_ = {};
    return arena.copy_str(s);
  }
  if (2 * (distinct_ + 1) > slots_.size()) grow();
  const uint64_t h = std::hash<std::string_view>{}(s);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.text.len < 0) {
      slot = {h, arena.copy_str(s)};
      ++distinct_;
      return slot.text;
    }
    if (slot.hash == h && view_of(slot.text) == s) return slot.text;
  }
}

}  // namespace fides::data
