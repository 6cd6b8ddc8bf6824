// Forming a group (a record derived from the rows of another, spec 9.1) from
// its member rows: one hash pass over the members in input order gives one
// group row per distinct key combination, ordered by its first member, its
// key columns, its printed key ("D001|2024-03-01") and the GROUP_ROWS index
// from each group row to its members.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.h"

namespace fides::data {

// The member rows of one group, in increasing row order: keys of member i are
// values[i × n_keys + k], or texts[i × n_keys + k] for a text key.
struct GroupMembers {
  std::vector<int64_t> rows;
  std::vector<int64_t> values;
  std::vector<std::string> texts;
};

// Fills dataset.records[group_record] and its GROUP_ROWS index, the group's
// text in `arena`. Call for each group after the input records are loaded
// (different groups at once from several threads, each with its own arena),
// then build_indexes(…, true, …) and dataset.finish().
void form_group(const fides_pack& pack, uint32_t group_record, const GroupMembers& members, Dataset& dataset,
                TextArena& arena);

// One member's key combination, as bytes: distinct combinations give distinct
// strings (a text is length-prefixed), so "a|b","c" and "a","b|c" are two
// groups even though they print alike. Key k is values[k], or texts[k] for a
// text key (the layout of GroupMembers from member i × n_keys on).
std::string group_identity(const fides_record_desc& group, const int64_t* values, const std::string* texts);

// The key of the group of that combination as output files print it: each key
// printed (§8), a reference as the key of the row it names, joined by '|'.
using RowKeyFn = std::function<std::string_view(uint32_t record, int64_t row)>;
std::string printed_group_key(const fides_record_desc& group, const int64_t* values, const std::string* texts,
                              const RowKeyFn& key_of);

}  // namespace fides::data
