#include "serve/csr_patch.h"

#include <cstring>

namespace fides::serve {

void add_to_groups(const CsrHistory& history, int64_t groups, std::span<const CsrAddition> additions, CsrArrays out,
                   std::vector<int64_t>& written) {
  const int64_t* hoff = history.offsets;
  for (int64_t g = history.n_groups; g < groups; ++g) {
    out.offsets[g] = out.ends[g] = 0;
    written.push_back(g);
  }
  int64_t tail = hoff[history.n_groups];
  for (size_t a = 0; a < additions.size();) {
    const int64_t g = additions[a].group;
    size_t count = 0;
    while (a + count < additions.size() && additions[a + count].group == g) ++count;
    const bool loaded = g < history.n_groups;
    if (loaded) written.push_back(g);
    int64_t at;
    if (loaded && hoff[g + 1] - history.ends[g] >= static_cast<int64_t>(count)) {
      out.offsets[g] = hoff[g];  // the room after it holds them: nothing moves
      at = history.ends[g];
    } else {
      out.offsets[g] = at = tail;
      if (loaded) {
        const int64_t n = history.ends[g] - hoff[g];
        std::memcpy(out.rows + at, history.rows + hoff[g], static_cast<size_t>(n) * sizeof(int64_t));
        at += n;
      }
      tail = at + static_cast<int64_t>(count);
    }
    for (size_t k = 0; k < count; ++k) out.rows[at++] = additions[a + k].row;
    out.ends[g] = at;
    a += count;
  }
}

}  // namespace fides::serve
