// The groups chosen rows belong to: eval_group over just those rows of a
// group's `for` record, seeing the data as fides-score's group stage does
// (spec §9.1: groups are formed before any is visible, so every group record
// is empty and every index over groups has no group).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "data/groups.h"
#include "host/evaluator.h"
#include "host/sink_buffer.h"

namespace fides::serve {

class GroupStage {
 public:
  // `data`: the request's data with its groups (records[n_records], indexes[n_indexes]).
  GroupStage(const fides_pack& pack, const fides_eval_ctx& data);

  // Members among `rows` (sorted) of group_record's `for` record, with their
  // keys, in row order; eval_group's errors on them are added to `errors`.
  // False with a message when eval_group could not run at all.
  bool members(const host::Evaluator& evaluator, uint32_t group_record, std::span<const int64_t> rows,
               data::GroupMembers& out, std::vector<host::ErrorOut>& errors, std::string& error) const;

 private:
  const fides_pack& pack_;
  std::vector<fides_record_data> records_;
  std::vector<fides_index_data> indexes_;
  fides_eval_ctx ctx_{};
};

}  // namespace fides::serve
