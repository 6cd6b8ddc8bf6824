#include "sema/types.h"

#include <fmt/format.h>

#include "builtins/fides_builtins.h"

namespace fides::sema {
namespace {

fides_str str_of(std::string_view s) { return fides_str{s.data(), static_cast<int64_t>(s.size())}; }

}  // namespace

const char* kind_name(TypeKind k) {
  switch (k) {
    case TypeKind::error: return "<error>";
    case TypeKind::bool_: return "bool";
    case TypeKind::int_: return "int";
    case TypeKind::decimal: return "decimal";
    case TypeKind::money: return "money";
    case TypeKind::text: return "text";
    case TypeKind::date: return "date";
    case TypeKind::severity: return "severity";
    case TypeKind::duration: return "duration";
    case TypeKind::record: return "record";
    case TypeKind::finding: return "finding";
    case TypeKind::list: return "list";
    case TypeKind::set: return "set";
    case TypeKind::map: return "map";
  }
  return "?";
}

bool severity_from_name(const std::string& name, Severity& out) {
  int ordinal = 0;
  if (!fides_severity_from_name(str_of(name), &ordinal)) return false;
  out = static_cast<Severity>(ordinal);
  return true;
}

const char* severity_name(Severity s) { return fides_severity_name(static_cast<int>(s)); }

bool days_from_civil_checked(int64_t y, int64_t m, int64_t d, int64_t& days) {
  int32_t out = 0;
  if (fides_date_from_ymd(y, m, d, &out) != FIDES_OK) return false;
  days = out;
  return true;
}

bool parse_value(TypeKind k, std::string_view s, Value& out) {
  out = Value{};
  out.kind = k;
  switch (k) {
    case TypeKind::text: out.text = std::string(s); return true;
    case TypeKind::int_: return fides_parse_int(str_of(s), &out.i) == FIDES_OK;
    case TypeKind::decimal:
    case TypeKind::money: return fides_parse_decimal(str_of(s), &out.i) == FIDES_OK;
    case TypeKind::bool_: {
      bool b = false;
      if (fides_parse_bool(str_of(s), &b) != FIDES_OK) return false;
      out.i = b;
      return true;
    }
    case TypeKind::severity: {
      Severity sev;
      if (!severity_from_name(std::string(s), sev)) return false;
      out.i = static_cast<int64_t>(sev);
      return true;
    }
    case TypeKind::date: {
      int32_t days = 0;
      if (fides_parse_date(str_of(s), &days) != FIDES_OK) return false;
      out.i = days;
      return true;
    }
    default: return false;
  }
}

std::string format_value(const Value& v) {
  if (v.absent) return "";
  char buf[FIDES_DECIMAL_BUF];
  switch (v.kind) {
    case TypeKind::text: return v.text;
    case TypeKind::int_: return std::string(buf, fides_format_int(v.i, buf));
    case TypeKind::bool_: return v.i ? "true" : "false";
    case TypeKind::severity: return severity_name(static_cast<Severity>(v.i));
    case TypeKind::date: return std::string(buf, fides_format_date(static_cast<int32_t>(v.i), buf));
    case TypeKind::money: return std::string(buf, fides_format_money(v.i, buf));
    case TypeKind::decimal: return std::string(buf, fides_format_decimal(v.i, buf));
    default: return "?";
  }
}

}  // namespace fides::sema
