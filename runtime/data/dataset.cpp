#include "data/dataset.h"

namespace fides::data {

fides_index_data IndexStore::view() const {
  fides_index_data d{};
  d.n_groups = offsets.empty() ? 0 : static_cast<int64_t>(offsets.size()) - 1;
  d.offsets = offsets.data();
  d.rows = rows.data();
  d.group_of_row = group_of_row.empty() ? nullptr : group_of_row.data();
  d.group_values = group_values.empty() ? nullptr : group_values.data();
  d.group_texts = group_texts.empty() ? nullptr : group_texts.data();
  return d;
}

fides_table_data TableStore::view() const {
  fides_table_data d{};
  d.n = static_cast<int64_t>(keys.empty() ? key_texts.size() : keys.size());
  d.keys = keys.empty() ? nullptr : keys.data();
  d.key_texts = key_texts.empty() ? nullptr : key_texts.data();
  d.values = values.empty() ? nullptr : values.data();
  d.value_texts = value_texts.empty() ? nullptr : value_texts.data();
  return d;
}

void Dataset::finish() {
  record_data.clear();
  for (RecordStore& r : records) {
    r.columns.assign(r.values.size(), fides_column{});
    for (size_t f = 0; f < r.values.size(); ++f) {
      fides_column& c = r.columns[f];
      c.values = r.values[f].empty() ? nullptr : r.values[f].data();
      c.texts = r.texts[f].empty() ? nullptr : r.texts[f].data();
      c.present = r.present[f].empty() ? nullptr : r.present[f].data();
    }
    record_data.push_back({r.n_rows, r.columns.data()});
  }
  table_data.clear();
  for (const TableStore& t : tables) table_data.push_back(t.view());
  index_data.clear();
  for (const IndexStore& i : indexes) index_data.push_back(i.view());
}

fides_eval_ctx Dataset::context() const {
  fides_eval_ctx ctx{};
  ctx.records = record_data.data();
  ctx.params = params.data();
  ctx.tables = table_data.data();
  ctx.indexes = index_data.data();
  ctx.findings = nullptr;
  ctx.sink = nullptr;
  ctx.out = nullptr;
  return ctx;
}

}  // namespace fides::data
