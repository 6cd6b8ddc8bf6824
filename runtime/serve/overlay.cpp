#include "serve/overlay.h"

#include <algorithm>
#include <unordered_map>

#include "data/descriptor_check.h"
#include "data/groups.h"
#include "serve/group_members.h"

namespace fides::serve {
namespace {
void sort_by_group(std::vector<CsrAddition>& additions) {
  std::stable_sort(additions.begin(), additions.end(),
                   [](const CsrAddition& a, const CsrAddition& b) { return a.group < b.group; });
}

// The rows of a record the request brings, sorted.
std::vector<int64_t> request_rows_of(const std::vector<RequestRow>& rows) {
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const RequestRow& r : rows) out.push_back(r.row);
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

Overlay::Overlay(const History& history) : history_(history), pack_(history.pack()) {}

bool Overlay::open(std::string& error) {
  if (!image_.map(history_.image(), error)) return false;
  const uint32_t n_records = pack_.n_records;
  columns_.assign(n_records, {});
  records_.assign(n_records, {});
  added_keys_.assign(n_records, {});
  for (uint32_t r = 0; r < n_records; ++r) {
    for (uint32_t f = 0; f < pack_.records[r].n_fields; ++f) {
      const ColumnArrays& c = history_.column(r, f);
      columns_[r].push_back({array<int64_t>(c.values), array<fides_str>(c.texts), array<uint8_t>(c.present)});
    }
    records_[r] = {history_.rows(r), columns_[r].data()};
  }
  indexes_.assign(history_.indexes(), history_.indexes() + pack_.n_indexes);
  new_values_.assign(pack_.n_indexes, {});
  for (uint32_t i = 0; i < pack_.n_indexes; ++i) {
    const IndexArrays& a = history_.index(i);
    fides_index_data& v = indexes_[i];
    v.offsets = array<int64_t>(a.offsets);
    v.ends = array<int64_t>(a.ends);
    v.rows = array<int64_t>(a.rows);
    v.group_of_row = array<int64_t>(a.group_of_row);
    v.group_values = array<int64_t>(a.group_values);
    v.group_texts = array<fides_str>(a.group_texts);
  }
  return true;
}

fides_eval_ctx Overlay::context() const {
  fides_eval_ctx ctx = history_.context();
  ctx.records = records_.data();
  ctx.indexes = indexes_.data();
  return ctx;
}

std::string_view Overlay::key_of(uint32_t record, int64_t row) const {
  const int64_t loaded = history_.rows(record);
  return row < loaded ? history_.key_of(record, row) : data::view_of(added_keys_[record][row - loaded]);
}

void Overlay::reset() {
  image_.reset();
  request_ = nullptr;
}

bool Overlay::apply(const StagedRequest& request, std::string& error) {
  request_ = &request;
  text_ = std::make_unique<data::TextArena>();
  joined_.assign(pack_.n_records, {});
  group_errors_.clear();
  for (uint32_t r = 0; r < pack_.n_records; ++r) {
    records_[r].n_rows = history_.rows(r);
    added_keys_[r].clear();
  }
  for (uint32_t i = 0; i < pack_.n_indexes; ++i) {
    indexes_[i].n_groups = history_.indexes()[i].n_groups;
    indexes_[i].find = nullptr;
    indexes_[i].find_data = nullptr;
    new_values_[i].texts.clear();
    new_values_[i].values.clear();
  }

  const uint32_t inputs = data::input_record_count(pack_);
  for (uint32_t r = 0; r < inputs; ++r) write_rows(r, request.records[r]);
  for (uint32_t i = 0; i < pack_.n_indexes; ++i)
    if (pack_.indexes[i].record < inputs) add_to_index(i);
  if (!form_groups(error)) return false;
  for (uint32_t i = 0; i < pack_.n_indexes; ++i)
    if (pack_.indexes[i].record >= inputs && pack_.indexes[i].kind != FIDES_INDEX_GROUP_ROWS) add_to_index(i);
  return true;
}

void Overlay::write_rows(uint32_t record, const std::vector<RequestRow>& rows) {
  const fides_record_desc& desc = pack_.records[record];
  for (const RequestRow& row : rows) {
    if (row.replaces) continue;  // unchanged: the loaded row stands
    for (uint32_t f = 0; f < desc.n_fields; ++f) {
      const ColumnArrays& c = history_.column(record, f);
      if (c.values >= 0) array<int64_t>(c.values)[row.row] = row.values[f];
      if (c.texts >= 0) array<fides_str>(c.texts)[row.row] = row.texts[f];
      if (c.present >= 0) array<uint8_t>(c.present)[row.row] = row.present[f];
    }
    added_keys_[record].push_back(row.key);
  }
  records_[record].n_rows += static_cast<int64_t>(added_keys_[record].size());
}

void Overlay::add_rows(uint32_t index, int64_t groups, std::vector<CsrAddition>& additions) {
  sort_by_group(additions);
  const fides_index_data& h = history_.indexes()[index];
  const IndexArrays& ids = history_.index(index);
  std::vector<int64_t> written;
  add_to_groups({h.offsets, h.ends, h.rows, h.n_groups}, groups, additions,
                {array<int64_t>(ids.offsets), array<int64_t>(ids.ends), array<int64_t>(ids.rows)}, written);
  for (int64_t g : written) {
    image_.will_write(static_cast<size_t>(ids.offsets), static_cast<size_t>(g) * sizeof(int64_t), sizeof(int64_t));
    image_.will_write(static_cast<size_t>(ids.ends), static_cast<size_t>(g) * sizeof(int64_t), sizeof(int64_t));
  }
  indexes_[index].n_groups = groups;
}

void Overlay::add_to_index(uint32_t index) {
  const fides_index_desc& d = pack_.indexes[index];
  if (d.kind == FIDES_INDEX_BY_FIELD) return add_to_by_field(index);
  if (d.kind != FIDES_INDEX_REVERSE_REF) return;
  // The groups are the target's rows: its added rows are new groups, last.
  const fides_field_desc& field = pack_.records[d.record].fields[d.field];
  const auto target = static_cast<uint32_t>(field.ref_record);
  std::vector<CsrAddition> additions;
  const fides_column& c = columns_[d.record][d.field];
  for (int64_t r = history_.rows(d.record); r < records_[d.record].n_rows; ++r)
    if (!field.optional || c.present[r]) additions.push_back({c.values[r], r});
  if (!additions.empty() || records_[target].n_rows > history_.rows(target))
    add_rows(index, records_[target].n_rows, additions);
}

int64_t NewValues::history_group(int64_t value, std::string_view text) const {
  const fides_index_data& h = *history;
  int64_t lo = 0, hi = h.n_groups;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    bool below = is_text ? data::view_of(h.group_texts[mid]) < text : h.group_values[mid] < value;
    if (below) lo = mid + 1;
    else hi = mid;
  }
  bool found = lo < h.n_groups && (is_text ? data::view_of(h.group_texts[lo]) == text : h.group_values[lo] == value);
  return found ? lo : -1;
}

int64_t NewValues::find(const fides_index_data* index, int64_t value, const char* text, int64_t text_len) {
  const auto& self = *static_cast<const NewValues*>(index->find_data);
  std::string_view t = text && text_len > 0 ? std::string_view(text, static_cast<size_t>(text_len)) : std::string_view();
  if (int64_t g = self.history_group(value, t); g >= 0) return g;
  if (self.is_text) {
    auto it = self.texts.find(t);
    return it == self.texts.end() ? -1 : it->second;
  }
  auto it = self.values.find(value);
  return it == self.values.end() ? -1 : it->second;
}

void Overlay::add_to_by_field(uint32_t index) {
  const fides_index_desc& d = pack_.indexes[index];
  const fides_index_data& h = history_.indexes()[index];
  const int64_t begin = history_.rows(d.record), end = records_[d.record].n_rows;
  if (begin == end) return;
  // The record the path reaches, and each added row's row there.
  uint32_t reached = d.record;
  std::vector<int64_t> at(static_cast<size_t>(end - begin));
  for (int64_t r = begin; r < end; ++r) at[r - begin] = r;
  for (uint32_t k = 0; k < d.n_path; ++k) {
    const fides_column& step = columns_[reached][d.path[k]];
    for (int64_t& row : at) row = step.values[row];
    reached = static_cast<uint32_t>(pack_.records[reached].fields[d.path[k]].ref_record);
  }
  const fides_field_desc& field = pack_.records[reached].fields[d.field];
  const fides_column& c = columns_[reached][d.field];
  NewValues& mine = new_values_[index];
  mine.history = &h;
  mine.is_text = field.type == FIDES_TYPE_TEXT;
  const IndexArrays& ids = history_.index(index);
  auto* group_of_row = array<int64_t>(ids.group_of_row);
  std::vector<CsrAddition> additions;
  int64_t groups = h.n_groups;
  for (size_t i = 0; i < at.size(); ++i) {
    const int64_t row = at[i], added = begin + static_cast<int64_t>(i);
    group_of_row[added] = -1;
    if (field.optional && !c.present[row]) continue;
    const int64_t value = mine.is_text ? 0 : c.values[row];
    const std::string_view text = mine.is_text ? data::view_of(c.texts[row]) : std::string_view();
    int64_t g = mine.history_group(value, text);
    if (g < 0) {
      g = mine.is_text ? mine.texts.emplace(text, groups).first->second : mine.values.emplace(value, groups).first->second;
      if (g == groups) {
        // A new value's group comes after the others; find() knows it.
        if (mine.is_text) array<fides_str>(ids.group_texts)[groups] = c.texts[row];
        else array<int64_t>(ids.group_values)[groups] = value;
        ++groups;
      }
    }
    group_of_row[added] = g;
    additions.push_back({g, added});
  }
  if (groups > h.n_groups) {
    indexes_[index].find = &NewValues::find;
    indexes_[index].find_data = &mine;
  }
  add_rows(index, groups, additions);
}

bool Overlay::form_groups(std::string& error) {
  const uint32_t inputs = data::input_record_count(pack_);
  if (inputs == pack_.n_records) return true;
  const GroupStage stage(pack_, context());
  const data::RowKeyFn key_of = [this](uint32_t record, int64_t row) { return this->key_of(record, row); };
  for (uint32_t g = inputs; g < pack_.n_records; ++g) {
    const fides_record_desc& desc = pack_.records[g];
    const auto source = static_cast<uint32_t>(desc.group_source);
    const std::vector<int64_t> rows = request_rows_of(request_->records[source]);
    if (rows.empty()) continue;
    data::GroupMembers members;
    if (!stage.members(history_.evaluator(), g, rows, members, group_errors_, error)) return false;
    const int64_t loaded_rows = history_.rows(source);
    std::unordered_map<std::string, int64_t> new_groups;
    std::vector<CsrAddition> additions;
    for (size_t m = 0; m < members.rows.size(); ++m) {
      const int64_t* values = members.values.data() + m * desc.n_keys;
      const std::string* texts = members.texts.data() + m * desc.n_keys;
      std::string identity = data::group_identity(desc, values, texts);
      int64_t group = history_.group_row(g, identity);
      if (group < 0) {
        auto [it, fresh] = new_groups.emplace(std::move(identity), records_[g].n_rows);
        group = it->second;
        if (fresh) {
          for (uint32_t k = 0; k < desc.n_keys; ++k) {
            const ColumnArrays& c = history_.column(g, k);
            if (c.texts >= 0) array<fides_str>(c.texts)[group] = text_->copy_str(texts[k]);
            else array<int64_t>(c.values)[group] = values[k];
          }
          added_keys_[g].push_back(text_->copy_str(data::printed_group_key(desc, values, texts, key_of)));
          ++records_[g].n_rows;
        }
      }
      joined_[g].push_back(group);
      // A repeated loaded row is already among its group's rows.
      if (members.rows[m] >= loaded_rows) additions.push_back({group, members.rows[m]});
    }
    std::sort(joined_[g].begin(), joined_[g].end());
    joined_[g].erase(std::unique(joined_[g].begin(), joined_[g].end()), joined_[g].end());
    for (uint32_t i = 0; i < pack_.n_indexes; ++i)
      if (pack_.indexes[i].kind == FIDES_INDEX_GROUP_ROWS && pack_.indexes[i].record == g) {
        std::vector<CsrAddition> copy = additions;
        add_rows(i, records_[g].n_rows, copy);
      }
  }
  return true;
}

}  // namespace fides::serve
