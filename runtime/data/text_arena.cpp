#include "data/text_arena.h"

#include <cstring>

namespace fides::data {

std::string_view TextArena::copy(std::string_view s) {
  if (s.empty()) return std::string_view("", 0);
  total_ += s.size();
  if (s.size() > kBlock / 4) {  // large: a block of its own, before the current one
    auto big = std::make_unique_for_overwrite<char[]>(s.size());
    std::memcpy(big.get(), s.data(), s.size());
    char* p = big.get();
    blocks_.insert(blocks_.empty() ? blocks_.end() : blocks_.end() - 1, std::move(big));
    return {p, s.size()};
  }
  if (used_ + s.size() > kBlock) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlock));  // untouched pages stay unmapped
    used_ = 0;
  }
  char* p = blocks_.back().get() + used_;
  std::memcpy(p, s.data(), s.size());
  used_ += s.size();
  return {p, s.size()};
}

void TextArena::adopt(TextArena&& other) {
  if (other.blocks_.empty()) return;
  // Adopted blocks go before the current one, which stays the one being filled.
  auto at = blocks_.empty() ? blocks_.end() : blocks_.end() - 1;
  blocks_.insert(at, std::make_move_iterator(other.blocks_.begin()), std::make_move_iterator(other.blocks_.end()));
  if (blocks_.size() == other.blocks_.size()) used_ = kBlock;
  total_ += other.total_;
  other.blocks_.clear();
  other.used_ = kBlock;
  other.total_ = 0;
}

}  // namespace fides::data
