#include "data/groups.h"

#include <unordered_map>

#include "data/typed_value.h"

namespace fides::data {

std::string group_identity(const fides_record_desc& group, const int64_t* values, const std::string* texts) {
  std::string id;
  for (uint32_t k = 0; k < group.n_keys; ++k) {
    if (group.fields[k].type == FIDES_TYPE_TEXT) {
      uint64_t len = texts[k].size();
      id.append(reinterpret_cast<const char*>(&len), sizeof len);
      id += texts[k];
    } else {
      id.append(reinterpret_cast<const char*>(&values[k]), sizeof(int64_t));
    }
  }
  return id;
}

std::string printed_group_key(const fides_record_desc& group, const int64_t* values, const std::string* texts,
                              const RowKeyFn& key_of) {
  std::string printed;
  for (uint32_t k = 0; k < group.n_keys; ++k) {
    const fides_field_desc& field = group.fields[k];
    if (k) printed += '|';
    if (field.type == FIDES_TYPE_TEXT) printed += texts[k];
    else if (field.type == FIDES_TYPE_REF) printed += key_of(static_cast<uint32_t>(field.ref_record), values[k]);
    else printed += format_typed(field.type, values[k]);
  }
  return printed;
}

void form_group(const fides_pack& pack, uint32_t group_record, const GroupMembers& members, Dataset& dataset) {
  const fides_record_desc& rec = pack.records[group_record];
  RecordStore& out = dataset.records[group_record];
  const uint32_t n_keys = rec.n_keys;
  out = RecordStore{};
  out.values.assign(rec.n_fields, {});
  out.texts.assign(rec.n_fields, {});
  out.present.assign(rec.n_fields, {});

  const RowKeyFn key_of = [&dataset](uint32_t record, int64_t row) { return dataset.key_of(record, row); };
  std::unordered_map<std::string, int64_t> group_of;
  std::vector<int64_t> group_of_member(members.rows.size());
  std::vector<int64_t> sizes;
  for (size_t i = 0; i < members.rows.size(); ++i) {
    const int64_t* values = members.values.data() + i * n_keys;
    const std::string* texts = members.texts.data() + i * n_keys;
    auto [it, fresh] = group_of.emplace(group_identity(rec, values, texts), out.n_rows);
    group_of_member[i] = it->second;
    if (!fresh) {
      ++sizes[it->second];
      continue;
    }
    sizes.push_back(1);
    for (uint32_t k = 0; k < n_keys; ++k) {
      if (rec.fields[k].type == FIDES_TYPE_TEXT) out.texts[k].push_back(dataset.arena.copy_str(texts[k]));
      else out.values[k].push_back(values[k]);
    }
    out.keys.push_back(dataset.arena.copy_str(printed_group_key(rec, values, texts, key_of)));
    out.key_index.insert(view_of(out.keys.back()), out.n_rows, out.keys);
    ++out.n_rows;
  }

  for (uint32_t i = 0; i < pack.n_indexes; ++i) {
    const fides_index_desc& d = pack.indexes[i];
    if (d.kind != FIDES_INDEX_GROUP_ROWS || d.record != group_record) continue;
    IndexStore& index = dataset.indexes[i];
    index = IndexStore{};
    index.offsets.assign(static_cast<size_t>(out.n_rows) + 1, 0);
    for (int64_t g = 0; g < out.n_rows; ++g) index.offsets[g + 1] = index.offsets[g] + sizes[g];
    index.rows.assign(members.rows.size(), 0);
    std::vector<int64_t> fill(index.offsets.begin(), index.offsets.end() - 1);
    for (size_t m = 0; m < members.rows.size(); ++m) index.rows[fill[group_of_member[m]]++] = members.rows[m];
  }
}

}  // namespace fides::data
