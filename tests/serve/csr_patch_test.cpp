// add_to_groups (runtime/serve/csr_patch.h): a group that gains rows takes
// them in the room after it, or is copied after the rows in use with its own
// end; nothing else moves.
#include <doctest/doctest.h>

#include <vector>

#include "serve/csr_patch.h"

using namespace fides::serve;

namespace {
// The rows of group g as the pack reads them (ABI 5: offsets[g] .. ends[g]).
std::vector<int64_t> group(const CsrArrays& a, int64_t g) {
  return std::vector<int64_t>(a.rows + a.offsets[g], a.rows + a.ends[g]);
}

// Three loaded groups: {0, 3}, {} and {1, 2} with room for two more after it (-1).
const std::vector<int64_t> kOffsets = {0, 2, 2, 6}, kEnds = {2, 2, 4}, kRows = {0, 3, 1, 2, -1, -1};
const CsrHistory kHistory{kOffsets.data(), kEnds.data(), kRows.data(), 3};

// A worker's copy: the history, then room (-9).
struct Worker {
  std::vector<int64_t> offsets = {0, 2, 2, 6, -9, -9, -9};
  std::vector<int64_t> ends = {2, 2, 4, -9, -9, -9};
  std::vector<int64_t> rows = {0, 3, 1, 2, -1, -1, -9, -9, -9, -9, -9, -9, -9, -9};
  CsrArrays arrays() { return {offsets.data(), ends.data(), rows.data()}; }
};
}  // namespace

TEST_CASE("rows join loaded groups and new ones; the others stay where they were") {
  Worker w;
  CsrArrays out = w.arrays();
  // Rows 4 and 6 join group 2 (in its room), row 5 group 0 (copied), row 7
  // new group 4; new group 3 stays empty.
  const std::vector<CsrAddition> additions = {{0, 5}, {2, 4}, {2, 6}, {4, 7}};
  std::vector<int64_t> written;
  add_to_groups(kHistory, 5, additions, out, written);
  CHECK(group(out, 0) == std::vector<int64_t>{0, 3, 5});
  CHECK(group(out, 1).empty());
  CHECK(group(out, 2) == std::vector<int64_t>{1, 2, 4, 6});
  CHECK(group(out, 3).empty());
  CHECK(group(out, 4) == std::vector<int64_t>{7});
  // Group 2 grew in place; group 0 was copied after the rows in use (from 6).
  CHECK(w.offsets[2] == 2);
  CHECK(w.offsets[0] == 6);
  // The loaded rows are untouched, and so is group 1.
  CHECK(std::vector<int64_t>(w.rows.begin(), w.rows.begin() + 4) == std::vector<int64_t>{0, 3, 1, 2});
  CHECK(w.offsets[1] == 2);
  CHECK(w.ends[1] == 2);
  // Every offsets/ends entry written is reported, for the worker to put back.
  CHECK(written == std::vector<int64_t>{3, 4, 0, 2});
}

TEST_CASE("a group with too little room is copied") {
  Worker w;
  CsrArrays out = w.arrays();
  const std::vector<CsrAddition> additions = {{2, 4}, {2, 5}, {2, 6}};
  std::vector<int64_t> written;
  add_to_groups(kHistory, 3, additions, out, written);
  CHECK(group(out, 2) == std::vector<int64_t>{1, 2, 4, 5, 6});
  CHECK(w.offsets[2] == 6);
}

TEST_CASE("no additions and no new groups write nothing") {
  Worker w;
  std::vector<int64_t> written;
  add_to_groups(kHistory, 3, {}, w.arrays(), written);
  CHECK(written.empty());
  CHECK(w.offsets == Worker().offsets);
  CHECK(w.ends == Worker().ends);
}
