// Adding a request's rows to one index of the history (the compressed sparse
// rows of fides_index_data). The ABI lays a group's rows between offsets[g]
// and offsets[g + 1], so a row added to a group in the middle moves every
// later group's rows: the patch rewrites the arrays from the first group that
// changes, copying the history's runs of unchanged groups in bulk, and leaves
// everything before it as the history has it (shared pages, never written).
//
// The rows added come after every loaded row, so they go at the end of their
// group, as input order wants. New groups are inserted before a history
// group (BY_FIELD keeps groups ordered by value) or after the last one
// (REVERSE_REF, GROUP_ROWS: new target rows and new groups come last).
#pragma once

#include <cstdint>
#include <span>

namespace fides::serve {

struct CsrHistory {
  const int64_t* offsets = nullptr;  // n_groups + 1
  const int64_t* rows = nullptr;
  int64_t n_groups = 0;
};

// A row joining a group, numbered as after the patch.
struct CsrAddition {
  int64_t group = 0;
  int64_t row = 0;
};

// The groups after the patch: group h of the history becomes
// h + (new groups inserted at or before h); new group j, inserted before
// history group at[j] (at sorted, n_groups for "after the last"), becomes at[j] + j.
class CsrNumbering {
 public:
  CsrNumbering(std::span<const int64_t> inserted_before, int64_t history_groups)
      : at_(inserted_before), n_(history_groups) {}
  int64_t groups() const { return n_ + static_cast<int64_t>(at_.size()); }
  int64_t of_history(int64_t h) const;
  int64_t of_new(size_t j) const { return at_[j] + static_cast<int64_t>(j); }
  // The first group whose number or rows may change with `additions` (sorted): groups() when none.
  int64_t first_changed(std::span<const CsrAddition> additions) const;

 private:
  std::span<const int64_t> at_;
  int64_t n_;
};

// Writes offsets[first .. groups()] and rows[history offsets[first] ..) of the
// patched index, where first = numbering.first_changed(additions); additions
// sorted by (group, row). Returns the number of rows in all.
int64_t patch_csr(const CsrHistory& history, const CsrNumbering& numbering, std::span<const CsrAddition> additions,
                  int64_t* offsets, int64_t* rows);

}  // namespace fides::serve
