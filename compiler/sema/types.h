// The types of Fides values as sema computes them, and the constant values
// sema knows at build time (param defaults, table contents, test givens).
#pragma once

#include <cstdint>
#include <string>

#include "support/id.h"

namespace fides::sema {

using RecordId = Id<struct RecordTag>;

// The kind of a type. `scalar` kinds (bool … severity) are the ones a table
// element, a param, a record's input column or a printed value may have.
enum class TypeKind : uint8_t {
  error,     // poison: something did not check; nothing reports about it again
  bool_,
  int_,
  decimal,   // fixed point, 6 fractional digits
  money,     // a decimal printed with 2 digits
  text,
  date,
  severity,  // info < low < medium < high < critical
  duration,  // `15 days`; only ever an operand of date + / -
  record,    // a row of `record` (a reference field, a for-variable, …)
  finding,   // a finding as hits(x) yields it
  list,      // [R]: rows of `record`, or findings when elem == finding
  set,       // set<elem>
  map,       // map<elem, value>
};

// A type. Small and copyable; set/map element types are scalar kinds, so no
// type ever needs a pointer to another.
struct Type {
  TypeKind kind = TypeKind::error;
  bool optional = false;
  RecordId record;                   // record, list of rows: the record
  TypeKind elem = TypeKind::error;   // list: record or finding; set: element; map: key
  TypeKind value = TypeKind::error;  // map: value

  static Type error() { return {}; }
  static Type of(TypeKind k, bool opt = false) { Type t; t.kind = k; t.optional = opt; return t; }
  static Type rec(RecordId r, bool opt = false) { Type t = of(TypeKind::record, opt); t.record = r; return t; }
  static Type rows(RecordId r) { Type t = of(TypeKind::list); t.record = r; t.elem = TypeKind::record; return t; }
  static Type findings() { Type t = of(TypeKind::list); t.elem = TypeKind::finding; return t; }
  static Type set_of(TypeKind e) { Type t = of(TypeKind::set); t.elem = e; return t; }
  static Type map_of(TypeKind k, TypeKind v) { Type t = of(TypeKind::map); t.elem = k; t.value = v; return t; }

  bool is_error() const { return kind == TypeKind::error; }
  bool is_numeric() const { return kind == TypeKind::int_ || kind == TypeKind::decimal || kind == TypeKind::money; }
  bool is_scalar() const { return kind >= TypeKind::bool_ && kind <= TypeKind::severity; }
  Type non_optional() const { Type t = *this; t.optional = false; return t; }
  Type with_optional(bool o) const { Type t = *this; t.optional = o; return t; }
  bool operator==(const Type&) const = default;
};

inline bool is_scalar_kind(TypeKind k) { return k >= TypeKind::bool_ && k <= TypeKind::severity; }

// The name of a scalar kind as written in source ("int", "money", …).
const char* kind_name(TypeKind k);

// Severity ordinals, in order.
enum class Severity : uint8_t { info, low, medium, high, critical };
enum class Verdict : uint8_t { definite, suspicious };
// Severity by its name; false when `name` is not one.
bool severity_from_name(const std::string& name, Severity& out);
const char* severity_name(Severity s);

// A constant known at build time. The payload is interpreted by `kind`:
//   int_: the integer; decimal, money: value * 10^6; date: days since
//   1970-01-01; bool_: 0 or 1; severity: the ordinal; text: `text`.
// `absent` marks an omitted optional value (an empty cell, a field not given).
struct Value {
  TypeKind kind = TypeKind::error;
  bool absent = false;
  int64_t i = 0;
  std::string text;

  static Value absent_of(TypeKind k) { Value v; v.kind = k; v.absent = true; return v; }
  static Value of_int(TypeKind k, int64_t x) { Value v; v.kind = k; v.i = x; return v; }
  static Value of_text(std::string s) { Value v; v.kind = TypeKind::text; v.text = std::move(s); return v; }
  bool operator==(const Value&) const = default;
};

// Parses a cell or literal written as text into a value of scalar kind `k`
// with the input-cell syntax of spec §8 (numbers: optional '-', digits,
// optional '.' and up to 6 fraction digits; dates YYYY-MM-DD, checked;
// bools true/false; severities by name). False when `s` is not valid.
bool parse_value(TypeKind k, std::string_view s, Value& out);

// Days since 1970-01-01 of a valid civil date; false when the date does not exist.
bool days_from_civil_checked(int64_t y, int64_t m, int64_t d, int64_t& days);

// Prints a value as the output files do (money with 2 decimals, decimal
// without trailing zeros, ISO dates); absent prints as nothing.
std::string format_value(const Value& v);

}  // namespace fides::sema
