// The findings a `hits(x)` sees (spec §3.4, §8), each attributed to the rows
// Attribution (attribution.h) names. For every record type, by_record is a
// CSR index from its rows to finding numbers, ascending (the order findings
// were given in).
#pragma once

#include <vector>

#include "data/groups.h"
#include "fides/pack_abi.h"
#include "host/sink_buffer.h"

namespace fides::host {

class FindingsView {
 public:
  // `findings`: the lists to expose, in order (the host passes one per rule,
  // in rule declaration order). They must outlive this view. `records` are
  // the rows the pack sees and `key_of` their keys (which must outlive it too).
  FindingsView(const fides_pack& pack, const fides_record_data* records, const data::RowKeyFn& key_of,
               const std::vector<const std::vector<FindingOut>*>& findings);
  FindingsView(const FindingsView&) = delete;
  FindingsView& operator=(const FindingsView&) = delete;

  const fides_findings_view* view() const { return &view_; }

 private:
  std::vector<uint32_t> rule_;
  std::vector<int64_t> amount_, points_;
  std::vector<fides_str> subject_key_;
  std::vector<data::IndexStore> by_record_;
  std::vector<fides_index_data> by_record_data_;
  fides_findings_view view_{};
};

}  // namespace fides::host
