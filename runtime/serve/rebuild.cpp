#include "serve/rebuild.h"

#include <algorithm>

#include "data/descriptor_check.h"
#include "data/indexes.h"
#include "host/evaluate.h"
#include "serve/group_members.h"

namespace fides::serve {

void Rebuild::copy_record(const History& history, uint32_t record, const std::vector<RequestRow>& rows) {
  const fides_record_desc& desc = history.pack().records[record];
  const fides_record_data& loaded = history.records()[record];
  const int64_t n = loaded.n_rows;
  data::RecordStore& out = dataset_->records[record];
  out.values.assign(desc.n_fields, {});
  out.texts.assign(desc.n_fields, {});
  out.present.assign(desc.n_fields, {});
  for (uint32_t f = 0; f < desc.n_fields; ++f) {
    const fides_column& c = loaded.columns[f];
    if (c.values) out.values[f].assign(c.values, c.values + n);
    if (c.texts) out.texts[f].assign(c.texts, c.texts + n);
    if (c.present) out.present[f].assign(c.present, c.present + n);
  }
  out.keys.reserve(static_cast<size_t>(n) + rows.size());
  for (int64_t r = 0; r < n; ++r) out.keys.push_back(history.dataset().records[record].key_texts()[r]);
  out.n_rows = n;
  for (const RequestRow& row : rows) {
    if (!row.replaces) {
      for (uint32_t f = 0; f < desc.n_fields; ++f) {
        if (desc.fields[f].type == FIDES_TYPE_TEXT) out.texts[f].push_back({"", 0});
        else out.values[f].push_back(0);
        if (desc.fields[f].optional) out.present[f].push_back(0);
      }
      out.keys.push_back(row.key);
      ++out.n_rows;
    }
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      if (desc.fields[f].type == FIDES_TYPE_TEXT) out.texts[f][row.row] = row.texts[f];
      else out.values[f][row.row] = row.values[f];
      if (desc.fields[f].optional) out.present[f][row.row] = row.present[f];
    }
  }
}

int64_t Rebuild::from_history(uint32_t record, int64_t row) const {
  if (history_->pack().records[record].group_source < 0) return row;
  return dataset_->records[record].find_row(history_->key_of(record, row));
}

bool Rebuild::build(const History& history, const StagedRequest& request, unsigned threads, std::string& error) {
  const fides_pack& pack = history.pack();
  const data::Dataset& loaded = history.dataset();
  history_ = &history;
  dataset_ = std::make_unique<data::Dataset>();
  dataset_->pack = &pack;
  dataset_->params = loaded.params;
  dataset_->tables = loaded.tables;
  dataset_->records.assign(pack.n_records, {});
  const uint32_t inputs = data::input_record_count(pack);
  for (uint32_t r = 0; r < inputs; ++r) copy_record(history, r, request.records[r]);
  for (uint32_t g = inputs; g < pack.n_records; ++g) {
    data::RecordStore& store = dataset_->records[g];
    store.values.assign(pack.records[g].n_fields, {});
    store.texts.assign(pack.records[g].n_fields, {});
    store.present.assign(pack.records[g].n_fields, {});
  }
  if (!data::build_indexes(pack, *dataset_, false, error, threads)) return false;
  dataset_->finish();
  host::EvalOptions options;
  options.threads = threads;
  host::Results results;
  if (!host::form_groups(history.evaluator(), *dataset_, options, results, error)) return false;

  // The groups the request's rows are in: their keys again, found by key.
  joined_.assign(pack.n_records, {});
  group_errors_.clear();
  const GroupStage stage(pack, context());
  const data::RowKeyFn key_of = [this](uint32_t record, int64_t row) { return this->key_of(record, row); };
  for (uint32_t g = inputs; g < pack.n_records; ++g) {
    const fides_record_desc& desc = pack.records[g];
    std::vector<int64_t> rows;
    for (const RequestRow& row : request.records[static_cast<uint32_t>(desc.group_source)]) rows.push_back(row.row);
    std::sort(rows.begin(), rows.end());
    data::GroupMembers members;
    if (!stage.members(history.evaluator(), g, rows, members, group_errors_, error)) return false;
    for (size_t m = 0; m < members.rows.size(); ++m) {
      std::string key = data::printed_group_key(desc, members.values.data() + m * desc.n_keys,
                                                members.texts.data() + m * desc.n_keys, key_of);
      int64_t group = dataset_->records[g].find_row(key);
      if (group >= 0) joined_[g].push_back(group);
    }
    std::sort(joined_[g].begin(), joined_[g].end());
    joined_[g].erase(std::unique(joined_[g].begin(), joined_[g].end()), joined_[g].end());
  }
  return true;
}

}  // namespace fides::serve
