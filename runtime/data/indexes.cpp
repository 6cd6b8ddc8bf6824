#include "data/indexes.h"

#include <algorithm>

#include "data/text_order.h"
#include "tasks/thread_pool.h"

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
  out.group_of_row.assign(rec.n_rows, -1);
  out.offsets.clear();
  out.rows.clear();
  out.rows.reserve(rec.n_rows);
  if (type != FIDES_TYPE_TEXT) {
    // (value, row) pairs sorted: ties keep row order, as a stable sort would.
    std::vector<std::pair<int64_t, int64_t>> sorted;
    sorted.reserve(rec.n_rows);
    for (int64_t r = 0; r < rec.n_rows; ++r)
      if (!optional || last.present[field][at[r]]) sorted.emplace_back(last.values[field][at[r]], r);
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (i == 0 || sorted[i - 1].first != sorted[i].first) {
        out.offsets.push_back(static_cast<int64_t>(i));
        out.group_values.push_back(sorted[i].first);
      }
      out.rows.push_back(sorted[i].second);
      out.group_of_row[sorted[i].second] = static_cast<int64_t>(out.offsets.size()) - 1;
    }
    out.offsets.push_back(static_cast<int64_t>(sorted.size()));
    return;
  }
  // Text: each distinct value numbered once through a hash map, the distinct
  // values sorted, then the rows placed by counting, in row order within a
  // value: one string comparison per distinct value pair, not per row pair.
  std::vector<fides_str> distinct;
  KeyIndex number_of;
  std::vector<int64_t> value_of(static_cast<size_t>(rec.n_rows), -1);
  for (int64_t r = 0; r < rec.n_rows; ++r) {
    if (optional && !last.present[field][at[r]]) continue;
    const fides_str& text = last.texts[field][at[r]];
    distinct.push_back(text);
    int64_t n = number_of.insert(view_of(text), static_cast<int64_t>(distinct.size() - 1), distinct);
    if (n != static_cast<int64_t>(distinct.size() - 1)) distinct.pop_back();
    value_of[r] = n;
  }
  const std::vector<int64_t> by_text = text_order(distinct);
  std::vector<int64_t> group_of_value(distinct.size());
  for (size_t g = 0; g < by_text.size(); ++g) {
    group_of_value[by_text[g]] = static_cast<int64_t>(g);
    out.group_texts.push_back(distinct[by_text[g]]);
  }
  out.offsets.assign(distinct.size() + 1, 0);
  for (int64_t r = 0; r < rec.n_rows; ++r)
    if (value_of[r] >= 0) ++out.offsets[group_of_value[value_of[r]] + 1];
  for (size_t g = 0; g < distinct.size(); ++g) out.offsets[g + 1] += out.offsets[g];
  out.rows.resize(static_cast<size_t>(out.offsets.back()));
  std::vector<int64_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  for (int64_t r = 0; r < rec.n_rows; ++r) {
    if (value_of[r] < 0) continue;
    int64_t g = group_of_value[value_of[r]];
    out.rows[fill[g]++] = r;
    out.group_of_row[r] = g;
  }
}
}  // namespace

bool build_indexes(const fides_pack& pack, Dataset& dataset, bool over_groups, std::string& error,
                   unsigned threads) {
  if (!over_groups) dataset.indexes.assign(pack.n_indexes, IndexStore{});
  struct Build {
    uint32_t index;
    std::vector<uint32_t> path, path_records;
    uint32_t reached;
  };
  std::vector<Build> builds;
  for (uint32_t i = 0; i < pack.n_indexes; ++i) {
    const fides_index_desc& d = pack.indexes[i];
    // The record the path reaches, checking every step.
    Build b{i, {}, {}, d.record};
    bool ok = d.record < pack.n_records && (d.n_path == 0 || (d.path && d.kind == FIDES_INDEX_BY_FIELD));
    for (uint32_t k = 0; ok && k < d.n_path; ++k) {
      const fides_record_desc& r = pack.records[b.reached];
      ok = d.path[k] < r.n_fields && r.fields[d.path[k]].type == FIDES_TYPE_REF && !r.fields[d.path[k]].optional;
      if (!ok) break;
      b.path.push_back(d.path[k]);
      b.reached = static_cast<uint32_t>(r.fields[d.path[k]].ref_record);
      b.path_records.push_back(b.reached);
    }
    if (!ok || d.field >= pack.records[b.reached].n_fields) {
      error = "malformed pack: index " + std::to_string(i) + " names a field that does not exist";
      return false;
    }
    // Group rows are filled when a group is formed.
    if (d.kind == FIDES_INDEX_GROUP_ROWS) continue;
    if ((pack.records[d.record].group_source >= 0) != over_groups) continue;
    const fides_field_desc& field = pack.records[b.reached].fields[d.field];
    if (d.kind == FIDES_INDEX_REVERSE_REF && field.type != FIDES_TYPE_REF) {
      error = "malformed pack: reverse index " + std::to_string(i) + " is over a field that is not a reference";
      return false;
    }
    if (d.kind != FIDES_INDEX_REVERSE_REF && d.kind != FIDES_INDEX_BY_FIELD) {
      error = "malformed pack: index " + std::to_string(i) + " has unknown kind " + std::to_string(d.kind);
      return false;
    }
    builds.push_back(std::move(b));
  }
  // Each index reads the records and writes only its own store.
  tasks::run_tasks(builds.size(), threads, [&](size_t k) {
    const Build& b = builds[k];
    const fides_index_desc& d = pack.indexes[b.index];
    const fides_field_desc& field = pack.records[b.reached].fields[d.field];
    if (d.kind == FIDES_INDEX_REVERSE_REF)
      reverse_ref(dataset.records[d.record], d.field, field.optional != 0, dataset.records[field.ref_record].n_rows,
                  dataset.indexes[b.index]);
    else
      by_field(dataset, d.record, b.path, b.path_records, d.field, field.type, field.optional != 0,
               dataset.indexes[b.index]);
  }, nullptr);
  return true;
}

}  // namespace fides::data
