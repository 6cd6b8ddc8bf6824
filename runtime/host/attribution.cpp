#include "host/attribution.h"

#include <algorithm>

namespace fides::host {

Attribution::Attribution(const fides_pack& pack, const fides_record_data* records)
    : pack_(pack), records_(records), refs_(pack.n_records) {
  for (uint32_t r = 0; r < pack.n_records; ++r)
    for (uint32_t f = 0; f < pack.records[r].n_fields; ++f) {
      const fides_field_desc& field = pack.records[r].fields[f];
      if (field.type == FIDES_TYPE_REF)
        refs_[r].push_back({f, static_cast<uint32_t>(field.ref_record), field.optional != 0});
    }
}

void Attribution::rows_of(uint32_t record, int64_t row, std::vector<RowRef>& out) const {
  out.clear();
  out.emplace_back(record, row);
  // Breadth first; the list stays short (one row per reachable record), so a linear search dedups.
  for (size_t next = 0; next < out.size(); ++next) {
    auto [r, i] = out[next];
    const fides_column* columns = records_[r].columns;
    for (const RefField& f : refs_[r]) {
      if (f.optional && !columns[f.field].present[i]) continue;
      RowRef to{f.target, columns[f.field].values[i]};
      if (to.second < 0) continue;
      if (std::find(out.begin(), out.end(), to) == out.end()) out.push_back(to);
    }
  }
}

std::vector<uint32_t> Attribution::input_records() const {
  std::vector<uint32_t> out;
  for (uint32_t r = 0; r < pack_.n_records; ++r)
    if (pack_.records[r].group_source < 0) out.push_back(r);
  return out;
}

}  // namespace fides::host
