#include "data/groups.h"

#include <unordered_map>

#include "data/typed_value.h"

namespace fides::data {
namespace {

// The key combination of member i as bytes: distinct combinations give
// distinct strings (a text is length-prefixed), so "a|b","c" and "a","b|c"
// are two groups even though they print alike.
std::string identity(const fides_record_desc& rec, const GroupMembers& m, size_t i) {
  std::string id;
  for (uint32_t k = 0; k < rec.n_keys; ++k) {
    size_t at = i * rec.n_keys + k;
    if (rec.fields[k].type == FIDES_TYPE_TEXT) {
      uint64_t len = m.texts[at].size();
      id.append(reinterpret_cast<const char*>(&len), sizeof len);
      id += m.texts[at];
    } else {
      id.append(reinterpret_cast<const char*>(&m.values[at]), sizeof(int64_t));
    }
  }
  return id;
}

}  // namespace

void form_group(const fides_pack& pack, uint32_t group_record, const GroupMembers& members, Dataset& dataset) {
  const fides_record_desc& rec = pack.records[group_record];
  RecordStore& out = dataset.records[group_record];
  const uint32_t n_keys = rec.n_keys;
  out = RecordStore{};
  out.values.assign(rec.n_fields, {});
  out.texts.assign(rec.n_fields, {});
  out.present.assign(rec.n_fields, {});

  std::unordered_map<std::string, int64_t> group_of;
  std::vector<int64_t> group_of_member(members.rows.size());
  std::vector<int64_t> sizes;
  for (size_t i = 0; i < members.rows.size(); ++i) {
    auto [it, fresh] = group_of.emplace(identity(rec, members, i), out.n_rows);
    group_of_member[i] = it->second;
    if (!fresh) {
      ++sizes[it->second];
      continue;
    }
    sizes.push_back(1);
    std::string printed;
    for (uint32_t k = 0; k < n_keys; ++k) {
      size_t at = i * n_keys + k;
      const fides_field_desc& field = rec.fields[k];
      if (k) printed += '|';
      if (field.type == FIDES_TYPE_TEXT) {
        fides_str t = dataset.arena.copy_str(members.texts[at]);
        out.texts[k].push_back(t);
        printed += members.texts[at];
      } else {
        int64_t v = members.values[at];
        out.values[k].push_back(v);
        printed += field.type == FIDES_TYPE_REF ? std::string(dataset.key_of(field.ref_record, v))
                                                : format_typed(field.type, v);
      }
    }
    out.keys.push_back(dataset.arena.copy_str(printed));
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
