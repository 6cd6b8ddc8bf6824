// Attribution (spec §3.4, §8, §9.7): a finding on a subject row belongs to that
// row and to every row reachable from it by following non-optional and present
// optional references, transitively; it is a set, so each row at most once even
// when several paths lead to it. The one place that decides it: `hits(x)`
// (findings_view.h) and the attribution columns of findings.csv both ask here.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "fides/pack_abi.h"

namespace fides::host {

using RowRef = std::pair<uint32_t, int64_t>;  // (record type, row)

class Attribution {
 public:
  // Over the rows a pack sees: `records` has one entry per record type
  // (Dataset::record_data, or a review server's request overlay).
  Attribution(const fides_pack& pack, const fides_record_data* records);

  // The rows a finding on (record, row) is attributed to, the subject first.
  void rows_of(uint32_t record, int64_t row, std::vector<RowRef>& out) const;

  // The record types read from input files, in declaration order: one
  // attribution column each in findings.csv. Groups are derived, not read: they get none.
  std::vector<uint32_t> input_records() const;

 private:
  struct RefField {
    uint32_t field, target;
    bool optional;
  };
  const fides_pack& pack_;
  const fides_record_data* records_;
  std::vector<std::vector<RefField>> refs_;  // per record type, its reference fields
};

}  // namespace fides::host
