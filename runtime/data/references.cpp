#include "data/references.h"

#include <algorithm>
#include <deque>

#include "data/cell_value.h"
#include "data/typed_value.h"

namespace fides::data {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }
std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// A reference from row `row` of record `record` through field `field`.
struct Edge {
  uint32_t record, field;
  int64_t row;
};

struct Work {
  const fides_pack& pack;
  std::vector<StagedRecord>& staged;
  Dataset& dataset;
  std::vector<std::vector<uint8_t>> alive;        // [record][staged row]
  std::vector<std::vector<fides_str>> keys;       // [record][staged row]; len -1 when absent
  std::vector<KeyIndex> key_map;                  // [record] over `keys`

  void reject(uint32_t r, int64_t i, uint32_t column, std::string reason) {
    StagedRecord& s = staged[r];
    alive[r][i] = 0;
    s.rejects.push_back({s.file, s.line[i], s.last_line[i], column, std::move(reason), s.row_text(i)});
  }
};

void build_keys(Work& w) {
  for (uint32_t r = 0; r < w.staged.size(); ++r) {
    const fides_record_desc& desc = w.pack.records[r];
    StagedRecord& s = w.staged[r];
    const uint32_t kf = desc.key_field;
    const fides_field_desc& key = desc.fields[kf];
    size_t n = s.line.size();
    w.alive[r].assign(n, 1);
    w.keys[r].assign(n, fides_str{"", -1});
    w.key_map[r].reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (key.optional && !s.present[kf][i]) continue;
      fides_str k = key.type == FIDES_TYPE_TEXT
                        ? s.texts[kf][i]
                        : w.dataset.arena.copy_str(format_typed(key.type, s.values[kf][i]));
      w.keys[r][i] = k;
      int64_t first = w.key_map[r].insert(view_of(k), static_cast<int64_t>(i), w.keys[r]);
      if (first != static_cast<int64_t>(i))
        w.reject(r, i, s.cell_column[kf][i],
                 std::string("duplicate key in ") + column_name(key) + ": " + quoted(view_of(k)) +
                     " (first at line " + std::to_string(s.line[first]) + ")");
    }
  }
}

void resolve(Work& w) {
  std::string key;
  for (uint32_t r = 0; r < w.staged.size(); ++r) {
    const fides_record_desc& desc = w.pack.records[r];
    StagedRecord& s = w.staged[r];
    for (size_t i = 0; i < s.line.size(); ++i) {
      if (!w.alive[r][i]) continue;
      for (uint32_t f = 0; f < desc.n_fields; ++f) {
        const fides_field_desc& field = desc.fields[f];
        if (field.type != FIDES_TYPE_REF) continue;
        if (field.optional && !s.present[f][i]) continue;
        const uint32_t t = static_cast<uint32_t>(field.ref_record);
        const fides_record_desc& target = w.pack.records[t];
        std::string_view cell = view_of(s.texts[f][i]);
        int64_t found = -1;
        bool well_formed = reference_key(target.fields[target.key_field], cell, key);
        if (well_formed) found = w.key_map[t].find(key, w.keys[t]);
        if (found >= 0) {
          s.values[f][i] = found;
          continue;
        }
        auto rejected = well_formed ? w.staged[t].rejected_keys.find(key) : w.staged[t].rejected_keys.end();
        if (rejected != w.staged[t].rejected_keys.end()) {
          w.reject(r, i, s.cell_column[f][i],
                   std::string("reference to rejected row in ") + column_name(field) + ": " +
                       str_or_empty(target.name) + " " + quoted(cell) + " (" + w.staged[t].file +
                       " line " + std::to_string(rejected->second) + ")");
        } else {
          w.reject(r, i, s.cell_column[f][i],
                   std::string("unresolved reference in ") + column_name(field) + ": no " +
                       str_or_empty(target.name) + " with key " + quoted(cell));
        }
        break;
      }
    }
  }
}

// Rejects, transitively, every row that refers to a rejected row.
void cascade(Work& w) {
  const auto n_records = static_cast<uint32_t>(w.staged.size());
  // Referrers of each target row, as compressed sparse rows per target record.
  std::vector<std::vector<int64_t>> offsets(n_records);
  std::vector<std::vector<Edge>> edges(n_records);
  for (uint32_t t = 0; t < n_records; ++t) offsets[t].assign(w.staged[t].line.size() + 1, 0);
  auto for_each_ref = [&](auto&& fn) {
    for (uint32_t r = 0; r < n_records; ++r) {
      const fides_record_desc& desc = w.pack.records[r];
      StagedRecord& s = w.staged[r];
      for (uint32_t f = 0; f < desc.n_fields; ++f) {
        const fides_field_desc& field = desc.fields[f];
        if (field.type != FIDES_TYPE_REF) continue;
        for (size_t i = 0; i < s.line.size(); ++i) {
          if (!w.alive[r][i] || (field.optional && !s.present[f][i])) continue;
          fn(static_cast<uint32_t>(field.ref_record), s.values[f][i], Edge{r, f, static_cast<int64_t>(i)});
        }
      }
    }
  };
  for_each_ref([&](uint32_t t, int64_t j, const Edge&) { ++offsets[t][j + 1]; });
  for (uint32_t t = 0; t < n_records; ++t) {
    for (size_t j = 1; j < offsets[t].size(); ++j) offsets[t][j] += offsets[t][j - 1];
    edges[t].resize(offsets[t].back());
  }
  {
    std::vector<std::vector<int64_t>> fill(n_records);
    for (uint32_t t = 0; t < n_records; ++t) fill[t].assign(offsets[t].begin(), offsets[t].end() - 1);
    for_each_ref([&](uint32_t t, int64_t j, const Edge& e) { edges[t][fill[t][j]++] = e; });
  }
  // Start from every row that holds its key (not a later duplicate) but was
  // rejected while resolving; in record and row order, so messages are stable.
  std::deque<std::pair<uint32_t, int64_t>> queue;
  for (uint32_t t = 0; t < n_records; ++t)
    for (size_t j = 0; j < w.alive[t].size(); ++j)
      if (!w.alive[t][j] && w.keys[t][j].len >= 0 &&
          w.key_map[t].find(view_of(w.keys[t][j]), w.keys[t]) == static_cast<int64_t>(j))
        queue.emplace_back(t, static_cast<int64_t>(j));
  while (!queue.empty()) {
    auto [t, j] = queue.front();
    queue.pop_front();
    const fides_record_desc& target = w.pack.records[t];
    for (int64_t e = offsets[t][j]; e < offsets[t][j + 1]; ++e) {
      const Edge& edge = edges[t][e];
      if (!w.alive[edge.record][edge.row]) continue;
      StagedRecord& s = w.staged[edge.record];
      const fides_field_desc& field = w.pack.records[edge.record].fields[edge.field];
      w.reject(edge.record, edge.row, s.cell_column[edge.field][edge.row],
               std::string("reference to rejected row in ") + column_name(field) + ": " +
                   str_or_empty(target.name) + " " + quoted(view_of(w.keys[t][j])) + " (" +
                   w.staged[t].file + " line " + std::to_string(w.staged[t].line[j]) + ")");
      queue.emplace_back(edge.record, edge.row);
    }
  }
}

void compact(Work& w) {
  const auto n_records = static_cast<uint32_t>(w.staged.size());
  std::vector<std::vector<int64_t>> new_row(n_records);
  for (uint32_t r = 0; r < n_records; ++r) {
    int64_t next = 0;
    new_row[r].assign(w.alive[r].size(), -1);
    for (size_t i = 0; i < w.alive[r].size(); ++i)
      if (w.alive[r][i]) new_row[r][i] = next++;
  }
  // Groups, after the input records, are formed later (host/form_groups.h).
  w.dataset.records.assign(w.pack.n_records, RecordStore{});
  for (uint32_t r = n_records; r < w.pack.n_records; ++r) {
    RecordStore& group = w.dataset.records[r];
    group.values.assign(w.pack.records[r].n_fields, {});
    group.texts.assign(w.pack.records[r].n_fields, {});
    group.present.assign(w.pack.records[r].n_fields, {});
  }
  for (uint32_t r = 0; r < n_records; ++r) {
    const fides_record_desc& desc = w.pack.records[r];
    StagedRecord& s = w.staged[r];
    RecordStore& out = w.dataset.records[r];
    out.values.assign(desc.n_fields, {});
    out.texts.assign(desc.n_fields, {});
    out.present.assign(desc.n_fields, {});
    // Sized once: growing by doubling would hold up to twice the rows at the peak.
    const size_t alive = static_cast<size_t>(std::count(w.alive[r].begin(), w.alive[r].end(), 1));
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      const fides_field_desc& field = desc.fields[f];
      if (field.optional) out.present[f].reserve(alive);
      if (field.type == FIDES_TYPE_TEXT) out.texts[f].reserve(alive);
      else out.values[f].reserve(alive);
    }
    out.keys.reserve(alive);
    out.line.reserve(alive);
    out.last_line.reserve(alive);
    out.key_index.reserve(s.line.size());
    for (size_t i = 0; i < s.line.size(); ++i) {
      if (!w.alive[r][i]) continue;
      for (uint32_t f = 0; f < desc.n_fields; ++f) {
        const fides_field_desc& field = desc.fields[f];
        if (field.optional) out.present[f].push_back(s.present[f][i]);
        if (field.type == FIDES_TYPE_TEXT) {
          out.texts[f].push_back(s.texts[f][i]);
        } else if (field.type == FIDES_TYPE_REF) {
          int64_t j = s.values[f][i];
          bool absent = field.optional && !s.present[f][i];
          out.values[f].push_back(absent ? -1 : new_row[field.ref_record][j]);
        } else {
          out.values[f].push_back(s.values[f][i]);
        }
      }
      fides_str key = w.keys[r][i];
      bool has_key = key.len >= 0;
      if (!has_key) key = {"", 0};
      out.keys.push_back(key);
      out.line.push_back(s.line[i]);
      out.last_line.push_back(s.last_line[i]);
      if (has_key) out.key_index.insert(view_of(key), out.n_rows, out.keys);
      ++out.n_rows;
    }
    std::stable_sort(s.rejects.begin(), s.rejects.end(),
                     [](const Reject& a, const Reject& b) { return a.line < b.line; });
    InputStat& stat = w.dataset.inputs[r];
    stat.rows = s.rows;
    stat.loaded = out.n_rows;
    stat.rejected = static_cast<int64_t>(s.rejects.size());
    for (Reject& rej : s.rejects) w.dataset.rejects.push_back(std::move(rej));
    s.rejects.clear();
    // This record's staged columns are no longer read (references into it
    // go through new_row): give them back before the next record is copied.
    s.values = {};
    s.texts = {};
    s.present = {};
    s.cell_column = {};
    s.offset = {};
    s.length = {};
  }
}
}  // namespace

void resolve_and_compact(const fides_pack& pack, std::vector<StagedRecord>& staged, Dataset& dataset) {
  Work w{pack, staged, dataset, {}, {}, {}};
  w.alive.resize(staged.size());
  w.keys.resize(staged.size());
  w.key_map.resize(staged.size());
  build_keys(w);
  resolve(w);
  cascade(w);
  compact(w);
}

}  // namespace fides::data
