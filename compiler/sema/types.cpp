#include "sema/types.h"

#include <fmt/format.h>

#include <array>

namespace fides::sema {
namespace {

constexpr std::array<const char*, 5> kSeverityNames = {"info", "low", "medium", "high", "critical"};

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Howard Hinnant's days_from_civil.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int64_t& y, int64_t& m, int64_t& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "-12.5" → -12500000; at most 6 fraction digits; |value| within ±9.2e12.
bool parse_fixed(std::string_view s, bool allow_fraction, int64_t scale_digits, int64_t& out) {
  bool neg = false;
  if (!s.empty() && s[0] == '-') { neg = true; s.remove_prefix(1); }
  std::string_view whole = s, frac;
  if (size_t dot = s.find('.'); dot != std::string_view::npos) {
    if (!allow_fraction) return false;
    whole = s.substr(0, dot);
    frac = s.substr(dot + 1);
    if (!all_digits(frac) || frac.size() > 6) return false;
  }
  if (!all_digits(whole)) return false;
  __int128 v = 0;
  for (char c : whole) {
    v = v * 10 + (c - '0');
    if (v > (__int128)INT64_MAX) return false;
  }
  for (int64_t i = 0; i < scale_digits; ++i) v *= 10;
  int64_t f = 0, digits = 0;
  for (char c : frac) { f = f * 10 + (c - '0'); ++digits; }
  for (; digits < scale_digits; ++digits) f *= 10;
  v += f;
  if (v > (__int128)INT64_MAX) return false;
  out = neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

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
  for (size_t i = 0; i < kSeverityNames.size(); ++i)
    if (name == kSeverityNames[i]) { out = static_cast<Severity>(i); return true; }
  return false;
}

const char* severity_name(Severity s) { return kSeverityNames[static_cast<size_t>(s)]; }

bool days_from_civil_checked(int64_t y, int64_t m, int64_t d, int64_t& days) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  int64_t dim = kDays[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
  if (d > dim) return false;
  days = days_from_civil(y, m, d);
  return true;
}

bool parse_value(TypeKind k, std::string_view s, Value& out) {
  out = Value{};
  out.kind = k;
  switch (k) {
    case TypeKind::text: out.text = std::string(s); return true;
    case TypeKind::int_: return parse_fixed(s, false, 0, out.i);
    case TypeKind::decimal:
    case TypeKind::money: return parse_fixed(s, true, 6, out.i);
    case TypeKind::bool_:
      if (s == "true") { out.i = 1; return true; }
      if (s == "false") { out.i = 0; return true; }
      return false;
    case TypeKind::severity: {
      Severity sev;
      if (!severity_from_name(std::string(s), sev)) return false;
      out.i = static_cast<int64_t>(sev);
      return true;
    }
    case TypeKind::date: {
      if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
      std::string_view y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
      if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return false;
      auto num = [](std::string_view v) { int64_t n = 0; for (char c : v) n = n * 10 + (c - '0'); return n; };
      return days_from_civil_checked(num(y), num(m), num(d), out.i);
    }
    default: return false;
  }
}

std::string format_value(const Value& v) {
  if (v.absent) return "";
  switch (v.kind) {
    case TypeKind::text: return v.text;
    case TypeKind::int_: return fmt::format("{}", v.i);
    case TypeKind::bool_: return v.i ? "true" : "false";
    case TypeKind::severity: return severity_name(static_cast<Severity>(v.i));
    case TypeKind::date: {
      int64_t y, m, d;
      civil_from_days(v.i, y, m, d);
      return fmt::format("{:04}-{:02}-{:02}", y, m, d);
    }
    case TypeKind::money: {
      // half-up (away from zero) to 2 places
      __int128 a = v.i < 0 ? -(__int128)v.i : (__int128)v.i;
      __int128 cents = (a + 5000) / 10000;
      return fmt::format("{}{}.{:02}", v.i < 0 && cents != 0 ? "-" : "", (int64_t)(cents / 100), (int)(cents % 100));
    }
    case TypeKind::decimal: {
      __int128 a = v.i < 0 ? -(__int128)v.i : (__int128)v.i;
      std::string s = fmt::format("{}{}", v.i < 0 ? "-" : "", (int64_t)(a / 1000000));
      std::string frac = fmt::format("{:06}", (int64_t)(a % 1000000));
      while (!frac.empty() && frac.back() == '0') frac.pop_back();
      if (!frac.empty()) s += "." + frac;
      return s;
    }
    default: return "?";
  }
}

}  // namespace fides::sema
