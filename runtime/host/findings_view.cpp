#include "host/findings_view.h"

#include "host/attribution.h"

namespace fides::host {

FindingsView::FindingsView(const fides_pack& pack, const fides_record_data* records, const data::RowKeyFn& key_of,
                           const std::vector<const std::vector<FindingOut>*>& findings) {
  const uint32_t n_records = pack.n_records;
  const Attribution attribution(pack, records);

  // Pass 1: the attributed rows of every finding, flattened.
  std::vector<RowRef> attributed, scratch;
  std::vector<int64_t> first_of;  // finding → start in `attributed`
  for (const auto* list : findings) {
    for (const FindingOut& f : *list) {
      uint32_t subject = f.rule < pack.n_rules ? pack.rules[f.rule].subject_record : 0;
      rule_.push_back(f.rule);
      amount_.push_back(f.amount);
      points_.push_back(f.points);
      bool in_range = f.rule < pack.n_rules && f.row >= 0 && f.row < records[subject].n_rows;
      std::string_view key = in_range ? key_of(subject, f.row) : std::string_view();
      subject_key_.push_back({key.data(), static_cast<int64_t>(key.size())});
      first_of.push_back(static_cast<int64_t>(attributed.size()));
      if (!in_range) continue;
      attribution.rows_of(subject, f.row, scratch);
      attributed.insert(attributed.end(), scratch.begin(), scratch.end());
    }
  }
  first_of.push_back(static_cast<int64_t>(attributed.size()));

  // Pass 2: per record type, count per row, then fill in finding order.
  by_record_.assign(n_records, {});
  for (uint32_t r = 0; r < n_records; ++r)
    by_record_[r].offsets.assign(records[r].n_rows + 1, 0);
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
