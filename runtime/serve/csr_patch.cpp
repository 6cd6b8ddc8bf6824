#include "serve/csr_patch.h"

#include <algorithm>
#include <cstring>

namespace fides::serve {

int64_t CsrNumbering::of_history(int64_t h) const {
  return h + static_cast<int64_t>(std::upper_bound(at_.begin(), at_.end(), h) - at_.begin());
}

int64_t CsrNumbering::first_changed(std::span<const CsrAddition> additions) const {
  int64_t first = groups();
  if (!at_.empty()) first = of_new(0);
  if (!additions.empty()) first = std::min(first, additions.front().group);
  return first;
}

int64_t patch_csr(const CsrHistory& history, const CsrNumbering& numbering, std::span<const CsrAddition> additions,
                  int64_t* offsets, int64_t* rows) {
  const int64_t groups = numbering.groups();
  const int64_t first = numbering.first_changed(additions);
  const int64_t* hoff = history.offsets;
  if (first >= groups) return hoff[history.n_groups];
  // Nothing is inserted before `first`, so it is history group `first` too (or the end).
  int64_t pos = hoff[first], h = first;
  size_t next_new = 0, next_add = 0;
  const size_t n_new = static_cast<size_t>(groups - history.n_groups);
  for (int64_t p = first; p < groups;) {
    int64_t stop = std::min(next_new < n_new ? numbering.of_new(next_new) : groups,
                            next_add < additions.size() ? additions[next_add].group : groups);
    if (p < stop) {
      // History groups p … stop-1, unchanged but for where they start: one copy.
      const int64_t count = stop - p, delta = pos - hoff[h];
      for (int64_t k = 0; k < count; ++k) offsets[p + k] = hoff[h + k] + delta;
      const int64_t n = hoff[h + count] - hoff[h];
      std::memcpy(rows + pos, history.rows + hoff[h], static_cast<size_t>(n) * sizeof(int64_t));
      pos += n;
      h += count;
      p = stop;
      continue;
    }
    offsets[p] = pos;
    if (next_new < n_new && numbering.of_new(next_new) == p) {
      ++next_new;
    } else {
      const int64_t n = hoff[h + 1] - hoff[h];
      std::memcpy(rows + pos, history.rows + hoff[h], static_cast<size_t>(n) * sizeof(int64_t));
      pos += n;
      ++h;
    }
    for (; next_add < additions.size() && additions[next_add].group == p; ++next_add) rows[pos++] = additions[next_add].row;
    ++p;
  }
  offsets[groups] = pos;
  return pos;
}

}  // namespace fides::serve
