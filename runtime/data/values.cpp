#include "data/values.h"

#include "builtins/fides_builtins.h"

namespace fides::data {
namespace {
fides_str str(std::string_view s) { return {s.data(), static_cast<int64_t>(s.size())}; }
const char* reason(int status) { return status == FIDES_OK ? nullptr : fides_status_message(status); }
}  // namespace

const char* parse_int_value(std::string_view s, int64_t& out) {
  return reason(fides_parse_int(str(s), &out));
}

const char* parse_decimal_value(std::string_view s, int64_t& out) {
  return reason(fides_parse_decimal(str(s), &out));
}

const char* parse_date_value(std::string_view s, int64_t& out) {
  int32_t d = 0;
  int status = fides_parse_date(str(s), &d);
  if (status == FIDES_OK) out = d;
  return reason(status);
}

const char* parse_bool_value(std::string_view s, int64_t& out) {
  bool b = false;
  int status = fides_parse_bool(str(s), &b);
  if (status == FIDES_OK) out = b ? 1 : 0;
  return reason(status);
}

const char* parse_severity_value(std::string_view s, int64_t& out) {
  int sev = 0;
  if (!fides_severity_from_name(str(s), &sev)) return "bad severity";
  out = sev;
  return nullptr;
}

std::string format_int_value(int64_t v) {
  char buf[FIDES_INT_BUF];
  return std::string(buf, fides_format_int(v, buf));
}

std::string format_decimal_value(int64_t v) {
  char buf[FIDES_DECIMAL_BUF];
  return std::string(buf, fides_format_decimal(v, buf));
}

std::string format_money_value(int64_t v) {
  char buf[FIDES_MONEY_BUF];
  return std::string(buf, fides_format_money(v, buf));
}

std::string format_date_value(int64_t v) {
  char buf[FIDES_DATE_BUF];
  if (v < INT32_MIN || v > INT32_MAX) return format_int_value(v);
  return std::string(buf, fides_format_date(static_cast<int32_t>(v), buf));
}

std::string format_bool_value(int64_t v) {
  char buf[FIDES_BOOL_BUF];
  return std::string(buf, fides_format_bool(v != 0, buf));
}

std::string format_severity_value(int64_t v) {
  if (v < 0 || v > 4) return "";
  return fides_severity_name(static_cast<int>(v));
}

}  // namespace fides::data
