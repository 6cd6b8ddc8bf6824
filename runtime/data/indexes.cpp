#include "data/indexes.h"

#include <algorithm>
#include <numeric>

namespace fides::data {
namespace {
void reverse_ref(const RecordStore& from, uint32_t field, bool optional, int64_t n_targets,
                 IndexStore& out) {
  const std::vector<int64_t>& refs = from.values[field];
  out.offsets.assign(n_targets + 1, 0);
  for (int64_t r = 0; r < from.n_rows; ++r)
    if (!optional || from.present[field][r]) ++out.offsets[refs[r] + 1];
  for (int64_t g = 0; g < n_targets; ++g) out.offsets[g + 1] += out.offsets[g];
  out.rows.assign(out.offsets.back(), 0);
  std::vector<int64_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  for (int64_t r = 0; r < from.n_rows; ++r)
    if (!optional || from.present[field][r]) out.rows[fill[refs[r]]++] = r;
}

// Rows of `rec` grouped by the value of `field` of the row reached from each
// through `path` (row-index columns of non-optional references; empty: the
// row itself), groups ordered by value, each group's value kept with it.
void by_field(const Dataset& dataset, uint32_t record, const std::vector<uint32_t>& path,
              const std::vector<uint32_t>& path_records, uint32_t field, uint32_t type, bool optional,
              IndexStore& out) {
  const RecordStore& rec = dataset.records[record];
  const RecordStore& last = dataset.records[path_records.empty() ? record : path_records.back()];
  std::vector<int64_t> at(static_cast<size_t>(rec.n_rows));  // the row of `last` each row reaches
  for (int64_t r = 0; r < rec.n_rows; ++r) {
    int64_t row = r;
    uint32_t from = record;
    for (size_t k = 0; k < path.size(); ++k) {
      row = dataset.records[from].values[path[k]][static_cast<size_t>(row)];
      from = path_records[k];
    }
    at[r] = row;
  }
  std::vector<int64_t> order;
  order.reserve(rec.n_rows);
  for (int64_t r = 0; r < rec.n_rows; ++r)
    if (!optional || last.present[field][at[r]]) order.push_back(r);
  bool text = type == FIDES_TYPE_TEXT;
  auto less = [&](int64_t a, int64_t b) {
    return text ? view_of(last.texts[field][at[a]]) < view_of(last.texts[field][at[b]])
                : last.values[field][at[a]] < last.values[field][at[b]];
  };
  std::stable_sort(order.begin(), order.end(), less);
  out.rows = order;
  out.group_of_row.assign(rec.n_rows, -1);
  out.offsets.clear();
  for (size_t i = 0; i < order.size(); ++i) {
    if (i == 0 || less(order[i - 1], order[i])) {
      out.offsets.push_back(static_cast<int64_t>(i));
      if (text) out.group_texts.push_back(last.texts[field][at[order[i]]]);
      else out.group_values.push_back(last.values[field][at[order[i]]]);
    }
    out.group_of_row[order[i]] = static_cast<int64_t>(out.offsets.size()) - 1;
  }
  out.offsets.push_back(static_cast<int64_t>(order.size()));
}
}  // namespace

bool build_indexes(const fides_pack& pack, Dataset& dataset, bool over_groups, std::string& error) {
  if (!over_groups) dataset.indexes.assign(pack.n_indexes, IndexStore{});
  for (uint32_t i = 0; i < pack.n_indexes; ++i) {
    const fides_index_desc& d = pack.indexes[i];
    // The record the path reaches, checking every step.
    std::vector<uint32_t> path, path_records;
    uint32_t reached = d.record;
    bool ok = d.record < pack.n_records && (d.n_path == 0 || (d.path && d.kind == FIDES_INDEX_BY_FIELD));
    for (uint32_t k = 0; ok && k < d.n_path; ++k) {
      const fides_record_desc& r = pack.records[reached];
      ok = d.path[k] < r.n_fields && r.fields[d.path[k]].type == FIDES_TYPE_REF && !r.fields[d.path[k]].optional;
      if (!ok) break;
      path.push_back(d.path[k]);
      reached = static_cast<uint32_t>(r.fields[d.path[k]].ref_record);
      path_records.push_back(reached);
    }
    if (!ok || d.field >= pack.records[reached].n_fields) {
      error = "malformed pack: index " + std::to_string(i) + " names a field that does not exist";
      return false;
    }
    // Group rows are filled when a group is formed.
    if (d.kind == FIDES_INDEX_GROUP_ROWS) continue;
    if ((pack.records[d.record].group_source >= 0) != over_groups) continue;
    const fides_field_desc& field = pack.records[reached].fields[d.field];
    const RecordStore& rec = dataset.records[d.record];
    if (d.kind == FIDES_INDEX_REVERSE_REF) {
      if (field.type != FIDES_TYPE_REF) {
        error = "malformed pack: reverse index " + std::to_string(i) + " is over a field that is not a reference";
        return false;
      }
      reverse_ref(rec, d.field, field.optional != 0, dataset.records[field.ref_record].n_rows,
                  dataset.indexes[i]);
    } else if (d.kind == FIDES_INDEX_BY_FIELD) {
      by_field(dataset, d.record, path, path_records, d.field, field.type, field.optional != 0, dataset.indexes[i]);
    } else {
      error = "malformed pack: index " + std::to_string(i) + " has unknown kind " + std::to_string(d.kind);
      return false;
    }
  }
  return true;
}

}  // namespace fides::data
