#include "data/groups.h"

#include <functional>
#include <string_view>
#include <utility>

#include "data/typed_value.h"

namespace fides::data {

namespace {

// Distinct key combinations of the members, numbered by first appearance,
// through one flat open-addressing table of (hash, group) slots; two members
// fall in one group when every key is equal (a text by its bytes), so
// "a|b","c" and "a","b|c" are two groups even though they print alike.
class Combinations {
 public:
  Combinations(const GroupMembers& m, uint32_t n_keys, const fides_record_desc& rec)
      : m_(m), n_keys_(n_keys), rec_(rec) {
    size_t want = 16;
    while (want < 2 * (m.rows.size() + 1)) want *= 2;
    slots_.assign(want, Slot{0, -1});
  }

  // The group of member i, and whether it is new.
  std::pair<int64_t, bool> group_of(size_t i) {
    const uint64_t h = hash(i);
    const size_t mask = slots_.size() - 1;
    for (size_t s = h & mask;; s = (s + 1) & mask) {
      Slot& slot = slots_[s];
      if (slot.group < 0) {
        slot = {h, static_cast<int64_t>(first_.size())};
        first_.push_back(i);
        return {slot.group, true};
      }
      if (slot.hash == h && same(first_[static_cast<size_t>(slot.group)], i)) return {slot.group, false};
    }
  }

 private:
  struct Slot {
    uint64_t hash;
    int64_t group;  // -1: empty
  };
  uint64_t hash(size_t i) const {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (uint32_t k = 0; k < n_keys_; ++k) {
      size_t at = i * n_keys_ + k;
      uint64_t part = rec_.fields[k].type == FIDES_TYPE_TEXT ? std::hash<std::string_view>{}(m_.texts[at])
                                                             : static_cast<uint64_t>(m_.values[at]) * 0xFF51AFD7ED558CCDull;
      h = (h ^ part) * 0x100000001B3ull + (h >> 29);
    }
    return h;
  }
  bool same(size_t a, size_t b) const {
    for (uint32_t k = 0; k < n_keys_; ++k) {
      size_t x = a * n_keys_ + k, y = b * n_keys_ + k;
      if (rec_.fields[k].type == FIDES_TYPE_TEXT ? m_.texts[x] != m_.texts[y] : m_.values[x] != m_.values[y])
        return false;
    }
    return true;
  }

  const GroupMembers& m_;
  uint32_t n_keys_;
  const fides_record_desc& rec_;
  std::vector<Slot> slots_;
  std::vector<size_t> first_;  // per group: its first member
};

}  // namespace

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

void form_group(const fides_pack& pack, uint32_t group_record, const GroupMembers& members, Dataset& dataset,
                TextArena& arena) {
  const fides_record_desc& rec = pack.records[group_record];
  RecordStore& out = dataset.records[group_record];
  const uint32_t n_keys = rec.n_keys;
  out = RecordStore{};
  out.values.assign(rec.n_fields, {});
  out.texts.assign(rec.n_fields, {});
  out.present.assign(rec.n_fields, {});

  const RowKeyFn key_of = [&dataset](uint32_t record, int64_t row) { return dataset.key_of(record, row); };
  Combinations combinations(members, n_keys, rec);
  std::vector<int64_t> group_of_member(members.rows.size());
  std::vector<int64_t> sizes;
  for (size_t i = 0; i < members.rows.size(); ++i) {
    auto [group, fresh] = combinations.group_of(i);
    group_of_member[i] = group;
    if (!fresh) {
      ++sizes[group];
      continue;
    }
    sizes.push_back(1);
    const int64_t* values = members.values.data() + i * n_keys;
    const std::string* texts = members.texts.data() + i * n_keys;
    for (uint32_t k = 0; k < n_keys; ++k) {
      if (rec.fields[k].type == FIDES_TYPE_TEXT) out.texts[k].push_back(arena.copy_str(texts[k]));
      else out.values[k].push_back(values[k]);
    }
    out.keys.push_back(arena.copy_str(printed_group_key(rec, values, texts, key_of)));
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
