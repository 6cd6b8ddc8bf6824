// One input cell read by the input-cell rules (spec §8): the loader applies
// them to every CSV cell, the review server (runtime/serve) to every JSON
// value, so a cell means the same wherever it comes from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fides/pack_abi.h"

namespace fides::data {

// What a cell holds once read: `value` for every type but text (a reference
// stays unresolved, -1); `text` for a text field (the cell as written) and a
// reference (the target's key as written: trimmed unless the key is text);
// `present` 0 for an absent optional value.
struct CellValue {
  int64_t value = 0;
  std::string_view text;
  bool present = true;
};

// The reasons that name no cell text, only the column.
inline constexpr const char* kEmptyKey = "empty key";
inline constexpr const char* kMissingValue = "missing value";

// Reads `cell` as written for `field` (`is_key`: the record's key field);
// `target_key_is_text` matters only for a reference. nullptr on success, else
// the reject reason ("bad number", kMissingValue, …) for reject_reason().
const char* read_cell(const fides_field_desc& field, bool is_key, bool target_key_is_text, std::string_view cell,
                      CellValue& out);

// The reason as rejects show it: "bad number in 单价: \"x\"", "missing value in 单价".
std::string reject_reason(const char* reason, const fides_field_desc& field, std::string_view cell);

// The input column of a field: its `column`, else its name.
const char* column_name(const fides_field_desc& field);

// The key, in printed form, that a reference cell names in a record whose key
// field is `target_key` (`007` and `7` are the same int key); false when the
// cell cannot be such a key.
bool reference_key(const fides_field_desc& target_key, std::string_view cell, std::string& key);

}  // namespace fides::data
