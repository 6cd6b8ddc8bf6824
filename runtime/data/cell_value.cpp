#include "data/cell_value.h"

#include "data/typed_value.h"

namespace fides::data {

const char* column_name(const fides_field_desc& field) {
  if (field.column && *field.column) return field.column;
  return field.name ? field.name : "";
}

const char* read_cell(const fides_field_desc& field, bool is_key, bool target_key_is_text, std::string_view cell,
                      CellValue& out) {
  out = CellValue{};
  const std::string_view s = trim_blanks(cell);
  if (is_key && s.empty()) return kEmptyKey;
  if (field.type == FIDES_TYPE_TEXT) {
    out.text = cell;
    out.present = !(cell.empty() && field.optional);
    return nullptr;
  }
  if (field.type == FIDES_TYPE_REF) out.value = -1;
  if (s.empty()) {
    out.present = false;
    return field.optional ? nullptr : kMissingValue;
  }
  if (field.type == FIDES_TYPE_REF) {
    out.text = target_key_is_text ? cell : s;
    return nullptr;
  }
  return parse_typed(field.type, s, out.value);
}

std::string reject_reason(const char* reason, const fides_field_desc& field, std::string_view cell) {
  std::string out = std::string(reason) + " in " + column_name(field);
  if (reason != kEmptyKey && reason != kMissingValue) out += ": \"" + std::string(trim_blanks(cell)) + "\"";
  return out;
}

bool reference_key(const fides_field_desc& target_key, std::string_view cell, std::string& key) {
  if (target_key.type == FIDES_TYPE_TEXT) {
    key.assign(cell);
    return true;
  }
  int64_t v = 0;
  if (parse_typed(target_key.type, cell, v)) return false;
  key = format_typed(target_key.type, v);
  return true;
}

}  // namespace fides::data
