// The day a finding happened, for findings over time (overview.h). Among the
// rows the finding is attributed to, in attribution order (the subject first,
// then breadth first along references), the first row of an event record
// gives it: the value of that record's first non-optional `date` field.
// An event record is a group with a date key (a person's day), or an input
// record with a non-optional reference and a non-optional date (a visit, a
// settlement, a fee line). Other records are master data, whose dates (a
// person's birth, a doctor's suspension) say nothing about when a finding
// happened; a finding reaching no event (one on an institution) has no date.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "data/dataset.h"
#include "host/attribution.h"

namespace fides::host {

class FindingDates {
 public:
  FindingDates(const fides_pack& pack, const data::Dataset& dataset);

  // Days since 1970-01-01, or none.
  std::optional<int64_t> of(uint32_t record, int64_t row);

 private:
  static constexpr int64_t kNone = -1;
  const data::Dataset& dataset_;
  Attribution attribution_;
  std::vector<int64_t> date_field_;  // per record type: its date field if it is an event, else kNone
  std::vector<RowRef> rows_;
};

}  // namespace fides::host
