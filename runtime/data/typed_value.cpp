#include "data/typed_value.h"

#include "data/values.h"
#include "fides/pack_abi.h"

namespace fides::data {

const char* parse_typed(uint32_t type, std::string_view s, int64_t& out) {
  switch (type) {
    case FIDES_TYPE_BOOL: return parse_bool_value(s, out);
    case FIDES_TYPE_INT: return parse_int_value(s, out);
    case FIDES_TYPE_DECIMAL:
    case FIDES_TYPE_MONEY: return parse_decimal_value(s, out);
    case FIDES_TYPE_DATE: return parse_date_value(s, out);
    case FIDES_TYPE_SEVERITY: return parse_severity_value(s, out);
    default: return "unsupported type";
  }
}

std::string format_typed(uint32_t type, int64_t v) {
  switch (type) {
    case FIDES_TYPE_BOOL: return format_bool_value(v);
    case FIDES_TYPE_INT: return format_int_value(v);
    case FIDES_TYPE_DECIMAL: return format_decimal_value(v);
    case FIDES_TYPE_MONEY: return format_money_value(v);
    case FIDES_TYPE_DATE: return format_date_value(v);
    case FIDES_TYPE_SEVERITY: return format_severity_value(v);
    default: return format_int_value(v);
  }
}

const char* type_name(uint32_t type) {
  switch (type) {
    case FIDES_TYPE_BOOL: return "bool";
    case FIDES_TYPE_INT: return "int";
    case FIDES_TYPE_DECIMAL: return "decimal";
    case FIDES_TYPE_MONEY: return "money";
    case FIDES_TYPE_TEXT: return "text";
    case FIDES_TYPE_DATE: return "date";
    case FIDES_TYPE_SEVERITY: return "severity";
    case FIDES_TYPE_REF: return "reference";
    default: return "unknown type";
  }
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_prefix(0), s.remove_suffix(1);
  return s;
}

}  // namespace fides::data
