// Compacting a staged column in place: used when rows are squeezed out after
// reading (gaps left by rejects and continuation lines) and after resolving
// references (rows rejected by the cascade).
#pragma once

#include <cstdint>
#include <vector>

namespace fides::data {

// Keeps the entries of `v` whose mark is set, in order, in place; an empty
// `v` (a column not staged) stays empty.
template <class T>
void keep_marked(std::vector<T>& v, const std::vector<uint8_t>& marks) {
  if (v.empty()) return;
  size_t j = 0;
  for (size_t i = 0; i < marks.size(); ++i)
    if (marks[i]) v[j++] = v[i];
  v.resize(j);
  v.shrink_to_fit();
}

}  // namespace fides::data
