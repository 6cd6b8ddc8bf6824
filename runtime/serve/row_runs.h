// Entry points take a range of rows: a sorted list of rows is given to them
// as its runs of consecutive rows, one call each (a request's added rows are
// one run, so a pack's per-call memo is computed once for them).
#pragma once

#include <cstdint>
#include <span>

namespace fides::serve {

// Calls fn(begin, end) for each run [begin, end) of consecutive values in
// `rows` (sorted, distinct); stops at, and returns, the first non-zero result.
template <typename Fn>
int for_each_run(std::span<const int64_t> rows, Fn&& fn) {
  for (size_t i = 0; i < rows.size();) {
    size_t j = i + 1;
    while (j < rows.size() && rows[j] == rows[j - 1] + 1) ++j;
    if (int status = fn(rows[i], rows[j - 1] + 1); status != 0) return status;
    i = j;
  }
  return 0;
}

}  // namespace fides::serve
