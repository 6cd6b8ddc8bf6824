#include "serve/group_members.h"

#include "data/descriptor_check.h"
#include "serve/row_runs.h"

namespace fides::serve {

GroupStage::GroupStage(const fides_pack& pack, const fides_eval_ctx& data)
    : pack_(pack), records_(data.records, data.records + pack.n_records),
      indexes_(data.indexes, data.indexes + pack.n_indexes), ctx_(data) {
  const uint32_t inputs = data::input_record_count(pack);
  for (uint32_t r = inputs; r < pack.n_records; ++r) records_[r].n_rows = 0;
  for (uint32_t i = 0; i < pack.n_indexes; ++i)
    if (pack.indexes[i].record >= inputs) indexes_[i].n_groups = 0;
  ctx_.records = records_.data();
  ctx_.indexes = indexes_.data();
  ctx_.findings = nullptr;
}

bool GroupStage::members(const host::Evaluator& evaluator, uint32_t group_record, std::span<const int64_t> rows,
                         data::GroupMembers& out, std::vector<host::ErrorOut>& errors, std::string& error) const {
  out = {};
  host::SinkBuffer sink(pack_);
  fides_eval_ctx ctx = ctx_;
  ctx.sink = &sink;
  ctx.out = &host::SinkBuffer::vtbl;
  int status = for_each_run(rows, [&](int64_t begin, int64_t end) {
    return evaluator.eval_group(&ctx, group_record, begin, end);
  });
  if (status != 0) {
    error = std::string("group ") + pack_.records[group_record].name + " could not be formed (status " +
            std::to_string(status) + ", out of memory?)";
    return false;
  }
  out = std::move(sink.members);
  for (host::ErrorOut& e : sink.errors) errors.push_back(std::move(e));
  return true;
}

}  // namespace fides::serve
