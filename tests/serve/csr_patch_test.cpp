// add_to_groups (runtime/serve/csr_patch.h): a group that gains rows is copied
// after the rows in use with its own end; nothing else moves.
#include <doctest/doctest.h>

#include <vector>

#include "serve/csr_patch.h"

using namespace fides::serve;

namespace {
// The rows of group g as the pack reads them (ABI 4: offsets[g] .. ends[g]).
std::vector<int64_t> group(const CsrArrays& a, int64_t g) {
  return std::vector<int64_t>(a.rows + a.offsets[g], a.rows + a.ends[g]);
}
}  // namespace

TEST_CASE("rows join loaded groups and new ones; the others stay where they were") {
  // Three loaded groups: {0, 3}, {}, {1, 2}.
  const std::vector<int64_t> offsets = {0, 2, 2, 4}, rows = {0, 3, 1, 2};
  const CsrHistory history{offsets.data(), rows.data(), 3};
  // The worker's copy: the history, then room.
  std::vector<int64_t> w_offsets = {0, 2, 2, 4, -9, -9, -9}, w_ends = {2, 2, 4, -9, -9, -9};
  std::vector<int64_t> w_rows = {0, 3, 1, 2, -9, -9, -9, -9, -9, -9, -9, -9};
  CsrArrays out{w_offsets.data(), w_ends.data(), w_rows.data()};
  // Rows 4 and 6 join group 2, row 5 group 0, row 7 new group 4; new group 3 stays empty.
  const std::vector<CsrAddition> additions = {{0, 5}, {2, 4}, {2, 6}, {4, 7}};
  std::vector<int64_t> written;
  add_to_groups(history, 5, additions, out, written);
  CHECK(group(out, 0) == std::vector<int64_t>{0, 3, 5});
  CHECK(group(out, 1).empty());
  CHECK(group(out, 2) == std::vector<int64_t>{1, 2, 4, 6});
  CHECK(group(out, 3).empty());
  CHECK(group(out, 4) == std::vector<int64_t>{7});
  // The loaded rows are untouched, group 1 included.
  CHECK(std::vector<int64_t>(w_rows.begin(), w_rows.begin() + 4) == rows);
  CHECK(w_offsets[1] == 2);
  CHECK(w_ends[1] == 2);
  // Every offsets/ends entry written is reported, for the worker to put back.
  CHECK(written == std::vector<int64_t>{3, 4, 0, 2});
}

TEST_CASE("no additions and no new groups write nothing") {
  const std::vector<int64_t> offsets = {0, 1}, rows = {0};
  std::vector<int64_t> w_offsets = offsets, w_ends = {1}, w_rows = rows;
  std::vector<int64_t> written;
  add_to_groups({offsets.data(), rows.data(), 1}, 1, {}, {w_offsets.data(), w_ends.data(), w_rows.data()}, written);
  CHECK(written.empty());
  CHECK(w_offsets == offsets);
  CHECK(w_ends == std::vector<int64_t>{1});
}
