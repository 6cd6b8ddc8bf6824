#include "serve/history.h"

#include <malloc.h>

#include <chrono>
#include <deque>

#include "data/cell_value.h"
#include "data/descriptor_check.h"
#include "data/groups.h"
#include "data/loader.h"

namespace fides::serve {
namespace {

// Without --data every record type is read from a header-only text, so the
// loader still checks params and tables and makes every store.
void use_empty_inputs(const fides_pack& pack, data::LoadOptions& load) {
  for (uint32_t r = 0; r < data::input_record_count(pack); ++r) {
    const fides_record_desc& desc = pack.records[r];
    std::string header;
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      std::string column = data::column_name(desc.fields[f]);
      if (header.find("\"" + column + "\"") != std::string::npos) continue;
      header += (header.empty() ? "\"" : ",\"") + column + "\"";
    }
    load.input_texts[desc.name] = header + "\n";
  }
}

// The type of the value a BY_FIELD index groups by: `field` of the record its path reaches.
uint32_t by_field_type(const fides_pack& pack, const fides_index_desc& d) {
  uint32_t record = d.record;
  for (uint32_t k = 0; k < d.n_path; ++k) record = static_cast<uint32_t>(pack.records[record].fields[d.path[k]].ref_record);
  return pack.records[record].fields[d.field].type;
}

// An index's groups as the image lays them out (ABI 5: a group is
// rows[offsets[g] .. ends[g])): a group of 256 rows or more is followed by
// room for a sixteenth more, so that a request joining a large group (an
// institution's fee lines, a level's visits) writes its rows there instead of
// copying the group (csr_patch.h).
struct GroupsWithRoom {
  std::vector<int64_t> offsets, ends, rows;
};

GroupsWithRoom with_room(const std::vector<int64_t>& offsets, const std::vector<int64_t>& rows) {
  GroupsWithRoom out;
  const size_t n = offsets.size() - 1;
  out.offsets.reserve(n + 1);
  out.ends.reserve(n);
  for (size_t g = 0; g < n; ++g) {
    const int64_t size = offsets[g + 1] - offsets[g];
    out.offsets.push_back(static_cast<int64_t>(out.rows.size()));
    out.rows.insert(out.rows.end(), rows.begin() + offsets[g], rows.begin() + offsets[g + 1]);
    out.ends.push_back(static_cast<int64_t>(out.rows.size()));
    if (size >= 256) out.rows.resize(out.rows.size() + static_cast<size_t>(size / 16), -1);
  }
  out.offsets.push_back(static_cast<int64_t>(out.rows.size()));
  return out;
}

template <typename T>
int64_t add_array(HistoryImage& image, const std::vector<T>& v, int64_t capacity) {
  return static_cast<int64_t>(image.add(v.data(), v.size() * sizeof(T), static_cast<size_t>(capacity) * sizeof(T)));
}

template <typename T>
const T* at(const HistoryImage& image, int64_t id) {
  return id < 0 ? nullptr : reinterpret_cast<const T*>(image.shared() + image.array(static_cast<size_t>(id)).offset);
}
}  // namespace

std::unique_ptr<History> History::load(const host::Evaluator& evaluator, const HistoryOptions& options,
                                       std::string& error, int& exit_code) {
  const fides_pack& pack = *evaluator.pack;
  std::unique_ptr<History> h(new History(evaluator));
  h->request_rows_ = options.request_rows;
  data::LoadOptions load = options.load;
  load.threads = options.threads;
  if (!options.have_data) use_empty_inputs(pack, load);
  auto t = std::chrono::steady_clock::now();
  auto lap = [&](const char* stage) {
    auto now = std::chrono::steady_clock::now();
    h->timings_.emplace_back(stage, std::chrono::duration<double>(now - t).count());
    t = now;
  };
  data::LoadFailure failure;
  h->dataset_ = data::load_dataset(pack, load, failure);
  if (!h->dataset_) {
    error = failure.message;
    exit_code = failure.exit_code;
    return nullptr;
  }
  lap("load");
  std::vector<int64_t> rows(pack.n_records);
  for (uint32_t r = 0; r < pack.n_records; ++r) rows[r] = h->rows(r);
  h->row_cache_ = std::make_unique<HistoryRowCache>(pack, std::move(rows));
  host::EvalOptions eval_options;
  eval_options.threads = options.threads;
  eval_options.row_cache = h->row_cache_->clean();
  host::Results results;
  host::Timings timings;
  exit_code = 1;
  if (!host::evaluate(evaluator, *h->dataset_, eval_options, results, timings, error)) return nullptr;
  h->remember_results(results);
  lap("evaluate");
  h->index_groups();
  lap("groups");
  if (!h->make_image(error)) return nullptr;
  // The loader's and the evaluation's scratch is free now: give it back.
  malloc_trim(0);
  lap("image");
  exit_code = 0;
  return h;
}

void History::remember_results(const host::Results& results) {
  const fides_pack& p = pack();
  findings_.assign(p.n_rules, {});
  rule_errors_.assign(p.n_rules, {});
  results_.findings.assign(p.n_rules, {});
  for (uint32_t r = 0; r < p.n_rules; ++r) {
    const uint32_t subject = p.rules[r].subject_record;
    for (const host::FindingOut& f : results.findings[r])
      findings_[r][std::string(key_of(subject, f.row))] = {f.amount, f.points, f.message};
    for (const host::ErrorOut& e : results.rule_errors[r]) rule_errors_[r][std::string(key_of(subject, e.row))] = e.message;
    if (!p.rules[r].uses_hits) results_.findings[r] = results.findings[r];
  }
  group_errors_.assign(p.n_records, {});
  for (uint32_t g = 0; g < p.n_records; ++g) {
    if (p.records[g].group_source < 0) continue;
    const auto source = static_cast<uint32_t>(p.records[g].group_source);
    for (const host::ErrorOut& e : results.group_errors[g]) group_errors_[g][std::string(key_of(source, e.row))] = e.message;
  }
}

void History::index_groups() {
  const fides_pack& p = pack();
  group_rows_.assign(p.n_records, {});
  std::vector<int64_t> values;
  std::vector<std::string> texts;
  for (uint32_t g = data::input_record_count(p); g < p.n_records; ++g) {
    const fides_record_desc& desc = p.records[g];
    const data::RecordStore& store = dataset_->records[g];
    values.assign(desc.n_keys, 0);
    texts.assign(desc.n_keys, {});
    group_rows_[g].reserve(static_cast<size_t>(store.n_rows));
    for (int64_t row = 0; row < store.n_rows; ++row) {
      for (uint32_t k = 0; k < desc.n_keys; ++k) {
        if (desc.fields[k].type == FIDES_TYPE_TEXT) texts[k] = data::view_of(store.texts[k][row]);
        else values[k] = store.values[k][row];
      }
      group_rows_[g].emplace(data::group_identity(desc, values.data(), texts.data()), row);
    }
  }
}

int64_t History::group_row(uint32_t group_record, const std::string& identity) const {
  auto it = group_rows_[group_record].find(identity);
  return it == group_rows_[group_record].end() ? -1 : it->second;
}

bool History::make_image(std::string& error) {
  const fides_pack& p = pack();
  data::Dataset& ds = *dataset_;
  columns_.assign(p.n_records, {});
  for (uint32_t r = 0; r < p.n_records; ++r) {
    const fides_record_desc& desc = p.records[r];
    data::RecordStore& store = ds.records[r];
    const int64_t capacity = row_capacity(r);
    columns_[r].assign(desc.n_fields, {});
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      ColumnArrays& c = columns_[r][f];
      if (desc.fields[f].type == FIDES_TYPE_TEXT) c.texts = add_array(image_, store.texts[f], capacity);
      else c.values = add_array(image_, store.values[f], capacity);
      if (desc.fields[f].optional) c.present = add_array(image_, store.present[f], capacity);
    }
  }
  indexes_.assign(p.n_indexes, {});
  std::deque<GroupsWithRoom> laid_out;  // kept until seal() has copied them
  for (uint32_t i = 0; i < p.n_indexes; ++i) {
    const fides_index_desc& d = p.indexes[i];
    data::IndexStore& store = ds.indexes[i];
    if (store.offsets.empty()) store.offsets.push_back(0);
    IndexArrays& a = indexes_[i];
    int64_t groups = row_capacity(d.record), members = row_capacity(d.record);
    if (d.kind == FIDES_INDEX_REVERSE_REF) groups = row_capacity(static_cast<uint32_t>(p.records[d.record].fields[d.field].ref_record));
    if (d.kind == FIDES_INDEX_GROUP_ROWS) members = row_capacity(static_cast<uint32_t>(p.records[d.record].group_source));
    laid_out.push_back(with_room(store.offsets, store.rows));
    const GroupsWithRoom& g = laid_out.back();
    store.offsets = {};
    store.rows = {};
    a.offsets = add_array(image_, g.offsets, groups + 1);
    a.ends = add_array(image_, g.ends, groups);
    // Room for a request's rows and for a copy of each group they join.
    a.rows = add_array(image_, g.rows, static_cast<int64_t>(g.rows.size()) + 2 * members);
    if (d.kind == FIDES_INDEX_BY_FIELD) {
      a.group_of_row = add_array(image_, store.group_of_row, row_capacity(d.record));
      if (by_field_type(p, d) == FIDES_TYPE_TEXT) a.group_texts = add_array(image_, store.group_texts, groups);
      else a.group_values = add_array(image_, store.group_values, groups);
    }
  }
  if (!image_.seal(error)) return false;

  // The image holds them now: the loader's copies go.
  for (data::RecordStore& store : ds.records) {
    if (store.text_key_field >= 0) {  // key_of() still reads the keys: they leave the text columns
      store.keys = std::move(store.texts[static_cast<size_t>(store.text_key_field)]);
      store.text_key_field = -1;
    }
    store.values = {};
    store.texts = {};
    store.present = {};
    store.columns = {};
  }
  for (data::IndexStore& store : ds.indexes) store = {};
  ds.record_data.clear();
  ds.index_data.clear();

  column_views_.assign(p.n_records, {});
  record_data_.assign(p.n_records, {});
  for (uint32_t r = 0; r < p.n_records; ++r) {
    for (const ColumnArrays& c : columns_[r])
      column_views_[r].push_back({at<int64_t>(image_, c.values), at<fides_str>(image_, c.texts),
                                  at<uint8_t>(image_, c.present)});
    record_data_[r] = {rows(r), column_views_[r].data()};
  }
  index_data_.assign(p.n_indexes, {});
  for (uint32_t i = 0; i < p.n_indexes; ++i) {
    const IndexArrays& a = indexes_[i];
    fides_index_data& v = index_data_[i];
    v.n_groups = static_cast<int64_t>(image_.array(static_cast<size_t>(a.offsets)).bytes / sizeof(int64_t)) - 1;
    v.offsets = at<int64_t>(image_, a.offsets);
    v.ends = at<int64_t>(image_, a.ends);
    v.rows = at<int64_t>(image_, a.rows);
    v.group_of_row = at<int64_t>(image_, a.group_of_row);
    v.group_values = at<int64_t>(image_, a.group_values);
    v.group_texts = at<fides_str>(image_, a.group_texts);
  }
  return true;
}

fides_eval_ctx History::context() const {
  fides_eval_ctx ctx{};
  ctx.records = record_data_.data();
  ctx.params = dataset_->params.data();
  ctx.tables = dataset_->table_data.data();
  ctx.indexes = index_data_.data();
  return ctx;
}

}  // namespace fides::serve
