#include "lower/table_csv.h"

namespace fides::lower {
namespace {

void append_cell(std::string& out, const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string literal_of(const sema::Value& v) {
  if (v.kind == sema::TypeKind::money) {
    sema::Value as_decimal = v;
    as_decimal.kind = sema::TypeKind::decimal;
    return sema::format_value(as_decimal);
  }
  return sema::format_value(v);
}

std::string table_key_column(const sema::Table& t) {
  if (t.inline_) return t.type.kind == sema::TypeKind::map ? "key" : "value";
  return t.type.kind == sema::TypeKind::map ? t.key_column : t.column;
}

std::string table_value_column(const sema::Table& t) { return t.inline_ ? "value" : t.value_column; }

std::string table_csv(const sema::Table& t) {
  bool is_map = t.type.kind == sema::TypeKind::map;
  std::string out;
  append_cell(out, table_key_column(t));
  if (is_map) {
    out += ',';
    append_cell(out, table_value_column(t));
  }
  out += '\n';
  for (size_t i = 0; i < t.keys.size(); ++i) {
    append_cell(out, literal_of(t.keys[i]));
    if (is_map) {
      out += ',';
      append_cell(out, literal_of(t.values[i]));
    }
    out += '\n';
  }
  return out;
}

}  // namespace fides::lower
