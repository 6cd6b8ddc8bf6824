// Adding a request's rows to one index of the history (fides_index_data, ABI
// version 5). A group's rows are rows[offsets[g] .. ends[g]), so a group that
// gains rows takes them in the room after it when there is enough, and is
// otherwise copied, with them, after the rows in use and given its new start
// and end; every other group stays where the history has it (shared pages,
// never written). New groups come after the history's groups. Work is
// proportional to the rows added and the small groups they join, never to
// the index.
//
// The rows added come after every loaded row, so they go at the end of their
// group, as input order wants.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace fides::serve {

// The history's index as the image lays it out: group g is rows[offsets[g] ..
// ends[g]), and rows[ends[g] .. offsets[g + 1]) is room for rows joining it.
struct CsrHistory {
  const int64_t* offsets = nullptr;  // n_groups + 1; offsets[n_groups]: where the rows in use end
  const int64_t* ends = nullptr;
  const int64_t* rows = nullptr;
  int64_t n_groups = 0;
};

// A row joining a group.
struct CsrAddition {
  int64_t group = 0;
  int64_t row = 0;
};

// The worker's arrays: the history's content, room after it.
struct CsrArrays {
  int64_t* offsets = nullptr;
  int64_t* ends = nullptr;
  int64_t* rows = nullptr;
};

// Writes the groups of `additions` (sorted by group, then row) into `out`,
// each history group among them extended in its room or copied after the
// rows in use; new
// groups [history.n_groups, groups) without additions become empty. Every
// group whose offsets and ends entries were written is added to `written`.
void add_to_groups(const CsrHistory& history, int64_t groups, std::span<const CsrAddition> additions, CsrArrays out,
                   std::vector<int64_t>& written);

}  // namespace fides::serve
