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
    const int64_t g = additions[a].group, start = tail;
    if (g < history.n_groups) {
      const int64_t n = hoff[g + 1] - hoff[g];
      std::memcpy(out.rows + tail, history.rows + hoff[g], static_cast<size_t>(n) * sizeof(int64_t));
      tail += n;
      written.push_back(g);
    }
    for (; a < additions.size() && additions[a].group == g; ++a) out.rows[tail++] = additions[a].row;
    out.offsets[g] = start;
    out.ends[g] = tail;
  }
}

}  // namespace fides::serve
