#include "host/finding_dates.h"

namespace fides::host {

FindingDates::FindingDates(const fides_pack& pack, const data::Dataset& dataset)
    : dataset_(dataset), attribution_(pack, dataset.record_data.data()), date_field_(pack.n_records, kNone) {
  for (uint32_t r = 0; r < pack.n_records; ++r) {
    const fides_record_desc& desc = pack.records[r];
    bool refers = desc.group_source >= 0;  // a group is formed of event rows
    int64_t date = kNone;
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      const fides_field_desc& field = desc.fields[f];
      if (field.optional) continue;
      refers = refers || field.type == FIDES_TYPE_REF;
      if (field.type == FIDES_TYPE_DATE && date == kNone) date = f;
    }
    if (refers) date_field_[r] = date;
  }
}

std::optional<int64_t> FindingDates::of(uint32_t record, int64_t row) {
  attribution_.rows_of(record, row, rows_);
  for (const auto& [r, i] : rows_)
    if (date_field_[r] != kNone) return dataset_.records[r].values[date_field_[r]][i];
  return std::nullopt;
}

}  // namespace fides::host
