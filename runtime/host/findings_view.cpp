#include "host/findings_view.h"

#include <algorithm>

namespace fides::host {
namespace {
struct RefField {
  uint32_t field, target;
  bool optional;
};

// Each row reachable from (record, row), the row itself first.
void reach(const std::vector<std::vector<RefField>>& refs, const data::Dataset& dataset, uint32_t record,
           int64_t row, std::vector<std::pair<uint32_t, int64_t>>& out) {
  out.clear();
  out.emplace_back(record, row);
  for (size_t next = 0; next < out.size(); ++next) {
    auto [r, i] = out[next];
    const data::RecordStore& store = dataset.records[r];
    for (const RefField& f : refs[r]) {
      if (f.optional && !store.present[f.field][i]) continue;
      std::pair<uint32_t, int64_t> to{f.target, store.values[f.field][i]};
      if (to.second < 0) continue;
      if (std::find(out.begin(), out.end(), to) == out.end()) out.push_back(to);
    }
  }
}
}  // namespace

FindingsView::FindingsView(const fides_pack& pack, const data::Dataset& dataset,
                           const std::vector<const std::vector<FindingOut>*>& findings) {
  const uint32_t n_records = pack.n_records;
  std::vector<std::vector<RefField>> refs(n_records);
  for (uint32_t r = 0; r < n_records; ++r)
    for (uint32_t f = 0; f < pack.records[r].n_fields; ++f) {
      const fides_field_desc& field = pack.records[r].fields[f];
      if (field.type == FIDES_TYPE_REF)
        refs[r].push_back({f, static_cast<uint32_t>(field.ref_record), field.optional != 0});
    }

  // Pass 1: the attributed rows of every finding, flattened.
  std::vector<std::pair<uint32_t, int64_t>> attributed, scratch;
  std::vector<int64_t> first_of;  // finding → start in `attributed`
  for (const auto* list : findings) {
    for (const FindingOut& f : *list) {
      uint32_t subject = f.rule < pack.n_rules ? pack.rules[f.rule].subject_record : 0;
      rule_.push_back(f.rule);
      amount_.push_back(f.amount);
      points_.push_back(f.points);
      bool in_range = f.rule < pack.n_rules && f.row >= 0 && f.row < dataset.records[subject].n_rows;
      subject_key_.push_back(in_range ? dataset.records[subject].keys[f.row] : fides_str{"", 0});
      first_of.push_back(static_cast<int64_t>(attributed.size()));
      if (!in_range) continue;
      reach(refs, dataset, subject, f.row, scratch);
      attributed.insert(attributed.end(), scratch.begin(), scratch.end());
    }
  }
  first_of.push_back(static_cast<int64_t>(attributed.size()));

  // Pass 2: per record type, count per row, then fill in finding order.
  by_record_.assign(n_records, {});
  for (uint32_t r = 0; r < n_records; ++r)
    by_record_[r].offsets.assign(dataset.records[r].n_rows + 1, 0);
  for (const auto& [r, i] : attributed) ++by_record_[r].offsets[i + 1];
  std::vector<std::vector<int64_t>> fill(n_records);
  for (uint32_t r = 0; r < n_records; ++r) {
    auto& off = by_record_[r].offsets;
    for (size_t g = 1; g < off.size(); ++g) off[g] += off[g - 1];
    by_record_[r].rows.assign(off.back(), 0);
    fill[r].assign(off.begin(), off.end() - 1);
  }
  for (size_t k = 0; k + 1 < first_of.size(); ++k)
    for (int64_t a = first_of[k]; a < first_of[k + 1]; ++a) {
      auto [r, i] = attributed[a];
      by_record_[r].rows[fill[r][i]++] = static_cast<int64_t>(k);
    }
  for (const data::IndexStore& s : by_record_) by_record_data_.push_back(s.view());

  view_.n = static_cast<int64_t>(rule_.size());
  view_.rule = rule_.data();
  view_.amount = amount_.data();
  view_.points = points_.data();
  view_.subject_key = subject_key_.data();
  view_.by_record = by_record_data_.data();
}

}  // namespace fides::host
