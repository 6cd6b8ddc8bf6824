#include "data/text_order.h"

#include <algorithm>
#include <string_view>

#include "data/text_arena.h"

namespace fides::data {
namespace {
struct Keyed {
  uint64_t key;  // the eight bytes after the common prefix, big-endian, zero-padded
  int64_t index;
};

size_t common_prefix(const std::vector<fides_str>& texts) {
  if (texts.empty()) return 0;
  std::string_view first = view_of(texts[0]);
  size_t n = first.size();
  for (const fides_str& t : texts) {
    std::string_view s = view_of(t);
    size_t i = 0;
    while (i < n && i < s.size() && s[i] == first[i]) ++i;
    n = i;
    if (n == 0) break;
  }
  return n;
}

uint64_t key_after(std::string_view s, size_t prefix) {
  uint64_t key = 0;
  for (size_t i = 0; i < 8; ++i) {
    // Past its end a text reads as zero bytes: it sorts before a longer one
    // with the same bytes (or ties with one continuing in NULs, and ties
    // are compared whole).
    unsigned char c = prefix + i < s.size() ? static_cast<unsigned char>(s[prefix + i]) : 0;
    key = (key << 8) | c;
  }
  return key;
}
}  // namespace

std::vector<int64_t> text_order(const std::vector<fides_str>& texts) {
  const size_t prefix = common_prefix(texts);
  std::vector<Keyed> keyed(texts.size());
  for (size_t i = 0; i < texts.size(); ++i)
    keyed[i] = {key_after(view_of(texts[i]), prefix), static_cast<int64_t>(i)};
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.key != b.key) return a.key < b.key;
    std::string_view x = view_of(texts[a.index]), y = view_of(texts[b.index]);
    if (x != y) return x < y;
    return a.index < b.index;
  });
  std::vector<int64_t> order(texts.size());
  for (size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].index;
  return order;
}

}  // namespace fides::data
