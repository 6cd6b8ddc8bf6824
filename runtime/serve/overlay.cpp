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
  for (uint32_t i = 0; i < pack_.n_indexes; ++i) {
    const IndexArrays& a = history_.index(i);
    fides_index_data& v = indexes_[i];
    v.offsets = array<int64_t>(a.offsets);
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
  for (uint32_t i = 0; i < pack_.n_indexes; ++i) indexes_[i].n_groups = history_.indexes()[i].n_groups;

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

void Overlay::write_patch(uint32_t index, const CsrNumbering& numbering, std::vector<CsrAddition>& additions) {
  sort_by_group(additions);
  const fides_index_data& h = history_.indexes()[index];
  const IndexArrays& ids = history_.index(index);
  const int64_t first = numbering.first_changed(additions);
  if (first < numbering.groups()) {
    image_.will_write(static_cast<size_t>(ids.offsets), static_cast<size_t>(first) * sizeof(int64_t), SIZE_MAX);
    image_.will_write(static_cast<size_t>(ids.rows), static_cast<size_t>(h.offsets[first]) * sizeof(int64_t), SIZE_MAX);
    patch_csr({h.offsets, h.rows, h.n_groups}, numbering, additions, array<int64_t>(ids.offsets),
              array<int64_t>(ids.rows));
  }
  indexes_[index].n_groups = numbering.groups();
}

void Overlay::add_to_index(uint32_t index) {
  const fides_index_desc& d = pack_.indexes[index];
  if (d.kind == FIDES_INDEX_BY_FIELD) return add_to_by_field(index);
  if (d.kind != FIDES_INDEX_REVERSE_REF) return;
  // The groups are the target's rows: its added rows are new groups, last.
  const fides_field_desc& field = pack_.records[d.record].fields[d.field];
  const auto target = static_cast<uint32_t>(field.ref_record);
  const int64_t loaded_targets = history_.indexes()[index].n_groups;
  std::vector<int64_t> inserted(static_cast<size_t>(records_[target].n_rows - loaded_targets), loaded_targets);
  CsrNumbering numbering(inserted, loaded_targets);
  std::vector<CsrAddition> additions;
  const fides_column& c = columns_[d.record][d.field];
  for (int64_t r = history_.rows(d.record); r < records_[d.record].n_rows; ++r)
    if (!field.optional || c.present[r]) additions.push_back({c.values[r], r});
  write_patch(index, numbering, additions);
}

void Overlay::add_to_by_field(uint32_t index) {
  const fides_index_desc& d = pack_.indexes[index];
  const fides_index_data& h = history_.indexes()[index];
  const int64_t begin = history_.rows(d.record), end = records_[d.record].n_rows;
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
  const bool text = field.type == FIDES_TYPE_TEXT;
  auto less = [&](int64_t a_row, int64_t g) {  // value of row a_row (in `reached`) < history group g's
    return text ? data::view_of(c.texts[a_row]) < data::view_of(h.group_texts[g]) : c.values[a_row] < h.group_values[g];
  };
  auto equal = [&](int64_t a_row, int64_t g) {
    return text ? data::view_of(c.texts[a_row]) == data::view_of(h.group_texts[g]) : c.values[a_row] == h.group_values[g];
  };
  // Per added row: its history group (>= 0), a new value (-2 - id), or none (-1).
  std::vector<int64_t> group(at.size(), -1);
  std::vector<int64_t> new_first_row;  // per new value: the row (in `reached`) holding it first
  std::unordered_map<std::string_view, int64_t> new_texts;
  std::unordered_map<int64_t, int64_t> new_values;
  for (size_t i = 0; i < at.size(); ++i) {
    const int64_t row = at[i];
    if (field.optional && !c.present[row]) continue;
    int64_t lo = 0, hi = h.n_groups;
    while (lo < hi) {
      int64_t mid = lo + (hi - lo) / 2;
      if (less(row, mid)) hi = mid;
      else lo = mid + 1;
    }
    // lo is the first group greater than the value; the one before may equal it.
    if (lo > 0 && equal(row, lo - 1)) {
      group[i] = lo - 1;
      continue;
    }
    auto id = static_cast<int64_t>(new_first_row.size());
    int64_t known = text ? new_texts.emplace(data::view_of(c.texts[row]), id).first->second
                         : new_values.emplace(c.values[row], id).first->second;
    if (known == id) new_first_row.push_back(row);
    group[i] = -2 - known;
  }
  // New groups in value order, each before the first history group above it.
  std::vector<int64_t> order(new_first_row.size());
  for (size_t j = 0; j < order.size(); ++j) order[j] = static_cast<int64_t>(j);
  std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    int64_t ra = new_first_row[a], rb = new_first_row[b];
    return text ? data::view_of(c.texts[ra]) < data::view_of(c.texts[rb]) : c.values[ra] < c.values[rb];
  });
  std::vector<int64_t> rank(order.size()), inserted(order.size());
  for (size_t j = 0; j < order.size(); ++j) {
    rank[order[j]] = static_cast<int64_t>(j);
    const int64_t row = new_first_row[order[j]];
    int64_t lo = 0, hi = h.n_groups;
    while (lo < hi) {
      int64_t mid = lo + (hi - lo) / 2;
      if (less(row, mid)) hi = mid;
      else lo = mid + 1;
    }
    inserted[j] = lo;
  }
  CsrNumbering numbering(inserted, h.n_groups);
  std::vector<CsrAddition> additions;
  const IndexArrays& ids = history_.index(index);
  auto* group_of_row = array<int64_t>(ids.group_of_row);
  for (size_t i = 0; i < at.size(); ++i) {
    int64_t g = group[i] >= 0 ? numbering.of_history(group[i]) : group[i] == -1 ? -1 : numbering.of_new(rank[-2 - group[i]]);
    group_of_row[begin + static_cast<int64_t>(i)] = g;
    if (g >= 0) additions.push_back({g, begin + static_cast<int64_t>(i)});
  }
  write_patch(index, numbering, additions);
  if (inserted.empty()) return;

  // Inserting groups renumbers the history's groups from the first insertion on.
  const int64_t first = inserted.front();
  auto* values = array<int64_t>(ids.group_values);
  auto* texts = array<fides_str>(ids.group_texts);
  const size_t width = text ? sizeof(fides_str) : sizeof(int64_t);
  image_.will_write(static_cast<size_t>(text ? ids.group_texts : ids.group_values), static_cast<size_t>(first) * width,
                    SIZE_MAX);
  for (int64_t p = first, hg = first, j = 0; p < numbering.groups(); ++p) {
    bool is_new = j < static_cast<int64_t>(order.size()) && numbering.of_new(static_cast<size_t>(j)) == p;
    if (text) texts[p] = is_new ? c.texts[new_first_row[order[j]]] : h.group_texts[hg];
    else values[p] = is_new ? c.values[new_first_row[order[j]]] : h.group_values[hg];
    if (is_new) ++j;
    else ++hg;
  }
  int64_t low = INT64_MAX, high = -1;
  for (int64_t hg = first; hg < h.n_groups; ++hg) {
    const int64_t renumbered = numbering.of_history(hg);
    for (int64_t m = h.offsets[hg]; m < h.offsets[hg + 1]; ++m) {
      const int64_t r = h.rows[m];
      group_of_row[r] = renumbered;
      low = std::min(low, r);
      high = std::max(high, r);
    }
  }
  if (high >= low)
    image_.will_write(static_cast<size_t>(ids.group_of_row), static_cast<size_t>(low) * sizeof(int64_t),
                      static_cast<size_t>(high - low + 1) * sizeof(int64_t));
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
    const int64_t loaded_groups = history_.rows(g), loaded_rows = history_.rows(source);
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
    std::vector<int64_t> inserted(new_groups.size(), loaded_groups);
    CsrNumbering numbering(inserted, loaded_groups);
    for (uint32_t i = 0; i < pack_.n_indexes; ++i)
      if (pack_.indexes[i].kind == FIDES_INDEX_GROUP_ROWS && pack_.indexes[i].record == g) {
        std::vector<CsrAddition> copy = additions;
        write_patch(i, numbering, copy);
      }
  }
  return true;
}

}  // namespace fides::serve
