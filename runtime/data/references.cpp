#include "data/references.h"

#include <algorithm>
#include <deque>

#include "data/cell_value.h"
#include "data/keep_marked.h"
#include "data/typed_value.h"
#include "tasks/thread_pool.h"

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
  unsigned threads;
  std::vector<std::vector<uint8_t>> alive;        // [record][staged row]
  std::vector<std::vector<fides_str>> keys;       // [record][staged row]; len -1 when absent
  std::vector<KeyIndex> key_map;                  // [record] over `keys`
  std::vector<TextArena> key_texts;               // [record] printed keys of int and date keys

  // Marks row i of record r rejected; the reject goes to `into` (the
  // record's own list, or a list of one task, merged in order later).
  void reject(uint32_t r, int64_t i, uint32_t column, std::string reason, std::vector<Reject>& into) {
    StagedRecord& s = staged[r];
    alive[r][i] = 0;
    into.push_back({s.file, s.line[i], s.last_line[i], column, std::move(reason), s.row_text(i)});
  }
  void reject(uint32_t r, int64_t i, uint32_t column, std::string reason) {
    reject(r, i, column, std::move(reason), staged[r].rejects);
  }
};

// Each record type's key map, on its own thread.
void build_keys(Work& w) {
  tasks::run_tasks(w.staged.size(), w.threads, [&](size_t task) {
    const auto r = static_cast<uint32_t>(task);
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
      fides_str k = key.type == FIDES_TYPE_TEXT ? s.texts[kf][i]
                                                : w.key_texts[r].copy_str(format_typed(key.type, s.values[kf][i]));
      w.keys[r][i] = k;
      int64_t first = w.key_map[r].insert(view_of(k), static_cast<int64_t>(i), w.keys[r]);
      if (first != static_cast<int64_t>(i))
        w.reject(r, i, s.cell_column[kf][i],
                 std::string("duplicate key in ") + column_name(key) + ": " + quoted(view_of(k)) +
                     " (first at line " + std::to_string(s.line[first]) + ")");
    }
  }, nullptr);
  for (TextArena& a : w.key_texts) w.dataset.arena.adopt(std::move(a));
}

// Resolves the references of rows [begin, end) of record r; rejects go to `rejects`.
void resolve_rows(Work& w, uint32_t r, size_t begin, size_t end, std::vector<Reject>& rejects) {
  const fides_record_desc& desc = w.pack.records[r];
  StagedRecord& s = w.staged[r];
  std::string key;
  for (size_t i = begin; i < end; ++i) {
    if (!w.alive[r][i]) continue;
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      const fides_field_desc& field = desc.fields[f];
      if (field.type != FIDES_TYPE_REF) continue;
      if (field.optional && !s.present[f][i]) continue;
      const uint32_t t = static_cast<uint32_t>(field.ref_record);
      const fides_record_desc& target = w.pack.records[t];
      std::string_view cell = view_of(s.texts[f][i]);
      int64_t found = -1;
      // A text key is the cell itself: looked up without a copy.
      bool text_key = target.fields[target.key_field].type == FIDES_TYPE_TEXT;
      bool well_formed = text_key || reference_key(target.fields[target.key_field], cell, key);
      std::string_view wanted = text_key ? cell : std::string_view(key);
      if (well_formed) found = w.key_map[t].find(wanted, w.keys[t]);
      if (found >= 0) {
        s.values[f][i] = found;
        continue;
      }
      auto rejected = well_formed ? w.staged[t].rejected_keys.find(std::string(wanted)) : w.staged[t].rejected_keys.end();
      if (rejected != w.staged[t].rejected_keys.end()) {
        w.reject(r, i, s.cell_column[f][i],
                 std::string("reference to rejected row in ") + column_name(field) + ": " +
                     str_or_empty(target.name) + " " + quoted(cell) + " (" + w.staged[t].file + " line " +
                     std::to_string(rejected->second) + ")",
                 rejects);
      } else {
        w.reject(r, i, s.cell_column[f][i],
                 std::string("unresolved reference in ") + column_name(field) + ": no " +
                     str_or_empty(target.name) + " with key " + quoted(cell),
                 rejects);
      }
      break;
    }
  }
}

// References of every record type, in ranges of rows on every thread; key
// maps are only read here, and each range keeps its rejects apart.
void resolve(Work& w) {
  constexpr size_t kRange = 1 << 16;
  struct Range {
    uint32_t record;
    size_t begin, end;
    std::vector<Reject> rejects;
  };
  std::vector<Range> ranges;
  for (uint32_t r = 0; r < w.staged.size(); ++r) {
    const fides_record_desc& desc = w.pack.records[r];
    bool has_refs = false;
    for (uint32_t f = 0; f < desc.n_fields; ++f) has_refs = has_refs || desc.fields[f].type == FIDES_TYPE_REF;
    if (!has_refs) continue;
    for (size_t b = 0; b < w.staged[r].line.size(); b += kRange)
      ranges.push_back({r, b, std::min(w.staged[r].line.size(), b + kRange), {}});
  }
  tasks::run_tasks(ranges.size(), w.threads, [&](size_t i) {
    resolve_rows(w, ranges[i].record, ranges[i].begin, ranges[i].end, ranges[i].rejects);
  }, nullptr);
  for (Range& range : ranges)
    for (Reject& rej : range.rejects) w.staged[range.record].rejects.push_back(std::move(rej));
}

// Rejects, transitively, every row that refers to a rejected row.
void cascade(Work& w) {
  const auto n_records = static_cast<uint32_t>(w.staged.size());
  // Start from every row that holds its key (not a later duplicate) but was
  // rejected while resolving; in record and row order, so messages are stable.
  std::deque<std::pair<uint32_t, int64_t>> queue;
  for (uint32_t t = 0; t < n_records; ++t)
    for (size_t j = 0; j < w.alive[t].size(); ++j)
      if (!w.alive[t][j] && w.keys[t][j].len >= 0 &&
          w.key_map[t].find(view_of(w.keys[t][j]), w.keys[t]) == static_cast<int64_t>(j))
        queue.emplace_back(t, static_cast<int64_t>(j));
  if (queue.empty()) return;  // the usual case: nothing to propagate, no graph to build
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

// Turns each record's staged columns into its RecordStore in place: the
// vectors move, rejected rows are squeezed out where there are any, and
// references are renumbered only into records that lost rows. No column is
// copied, so loading never holds two copies of the data.
void compact(Work& w) {
  const auto n_records = static_cast<uint32_t>(w.staged.size());
  std::vector<std::vector<int64_t>> new_row(n_records);  // empty: every row kept, numbers unchanged
  std::vector<bool> all_alive(n_records);
  for (uint32_t r = 0; r < n_records; ++r) {
    all_alive[r] = std::find(w.alive[r].begin(), w.alive[r].end(), 0) == w.alive[r].end();
    if (all_alive[r]) continue;
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
    const std::vector<uint8_t>& alive = w.alive[r];
    out.values = std::move(s.values);
    out.texts = std::move(s.texts);
    out.present = std::move(s.present);
    out.line = std::move(s.line);
    out.last_line = std::move(s.last_line);
    const fides_field_desc& key = desc.fields[desc.key_field];
    if (key.type == FIDES_TYPE_TEXT)
      out.text_key_field = static_cast<int32_t>(desc.key_field);
    else
      out.keys = std::move(w.keys[r]);
    w.keys[r] = {};
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      const fides_field_desc& field = desc.fields[f];
      if (field.type != FIDES_TYPE_REF) continue;
      out.texts[f] = {};  // the key as written: resolved into values[f] now
      const std::vector<int64_t>& renumber = new_row[field.ref_record];
      if (renumber.empty()) continue;
      for (int64_t& v : out.values[f])
        if (v >= 0) v = renumber[v];
    }
    for (fides_str& k : out.keys)
      if (k.len < 0) k = {"", 0};
    if (!all_alive[r]) {
      for (auto& v : out.values) keep_marked(v, alive);
      for (auto& v : out.texts) keep_marked(v, alive);
      for (auto& v : out.present) keep_marked(v, alive);
      keep_marked(out.line, alive);
      keep_marked(out.last_line, alive);
      keep_marked(out.keys, alive);
    }
    out.n_rows = static_cast<int64_t>(out.line.size());
    // The key map of the staged rows holds every loaded row under its own
    // number when none was rejected; otherwise the numbers moved.
    if (all_alive[r]) {
      out.key_index = std::move(w.key_map[r]);
    } else {
      out.key_index.reserve(static_cast<size_t>(out.n_rows));
      const std::vector<fides_str>& keys = out.key_texts();
      for (int64_t i = 0; i < out.n_rows; ++i)
        if (!key.optional || out.present[desc.key_field][i]) out.key_index.insert(view_of(keys[i]), i, keys);
    }
    std::stable_sort(s.rejects.begin(), s.rejects.end(),
                     [](const Reject& a, const Reject& b) { return a.line < b.line; });
    InputStat& stat = w.dataset.inputs[r];
    stat.rows = s.rows;
    stat.loaded = out.n_rows;
    stat.rejected = static_cast<int64_t>(s.rejects.size());
    for (Reject& rej : s.rejects) w.dataset.rejects.push_back(std::move(rej));
    s.rejects.clear();
    s.cell_column = {};
    s.offset = {};
    s.length = {};
  }
}
}  // namespace

void resolve_and_compact(const fides_pack& pack, std::vector<StagedRecord>& staged, Dataset& dataset,
                         unsigned threads) {
  Work w{pack, staged, dataset, tasks::resolve_threads(threads), {}, {}, {}, {}};
  w.alive.resize(staged.size());
  w.key_texts.resize(staged.size());
  w.keys.resize(staged.size());
  w.key_map.resize(staged.size());
  build_keys(w);
  resolve(w);
  cascade(w);
  compact(w);
}

}  // namespace fides::data
