#include "data/tables.h"

#include <algorithm>
#include <numeric>

#include "data/csv.h"
#include "data/typed_value.h"
#include "data/utf8.h"

namespace fides::data {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }

struct Entry {
  int64_t key = 0, value = 0;
  std::string_view key_text, value_text;
  uint32_t line = 0;
};

std::string where(const std::string& file, uint32_t line, uint32_t column) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

// Parses one cell of a table as `type`; false with error set.
bool parse_cell(uint32_t type, const std::string& cell, const char* column_name, TextArena& arena,
                int64_t& value, std::string_view& text, std::string& error) {
  if (type == FIDES_TYPE_TEXT) {
    text = arena.copy(cell);
    return true;
  }
  std::string_view s = trim_blanks(cell);
  const char* reason = s.empty() ? "missing value" : parse_typed(type, s, value);
  if (!reason) return true;
  error = std::string(reason) + " in column '" + column_name + "'" +
          (s.empty() ? "" : ": \"" + std::string(s) + "\"");
  return false;
}
}  // namespace

bool parse_table(const fides_table_desc& desc, std::string_view csv, const std::string& file,
                 TextArena& arena, TableStore& out, std::string& error) {
  CsvParser parser(csv);
  CsvRecord rec;
  CsvError csv_error;
  bool malformed = false;
  const char* key_column = str_or_empty(desc.key_column);
  const char* value_column = desc.is_map ? str_or_empty(desc.value_column) : nullptr;
  if (!parser.next(rec, csv_error, malformed)) {
    error = file + ": empty table, expected a header row with column '" + key_column + "'";
    return false;
  }
  if (malformed) {
    error = where(file, csv_error.line, csv_error.column) + "malformed quoting: " + csv_error.reason;
    return false;
  }
  size_t header_n = rec.cells.size();
  auto find_column = [&](const char* name, size_t& at) {
    for (size_t i = 0; i < header_n; ++i)
      if (trim_blanks(rec.cells[i]) == name) {
        at = i;
        return true;
      }
    error = file + ":1: no column '" + name + "' in the header";
    return false;
  };
  size_t key_at = 0, value_at = 0;
  if (!find_column(key_column, key_at)) return false;
  if (value_column && !find_column(value_column, value_at)) return false;

  std::vector<Entry> entries;
  while (parser.next(rec, csv_error, malformed)) {
    if (rec.raw.empty()) continue;
    if (malformed) {
      error = where(file, csv_error.line, csv_error.column) + "malformed quoting: " + csv_error.reason;
      return false;
    }
    if (size_t bad = utf8_invalid_at(rec.raw); bad != std::string_view::npos) {
      error = where(file, rec.line, utf8_code_points(rec.raw, bad) + 1) + "invalid UTF-8";
      return false;
    }
    if (rec.cells.size() != header_n) {
      error = where(file, rec.line, 1) + "wrong column count: expected " + std::to_string(header_n) +
              " cells, found " + std::to_string(rec.cells.size());
      return false;
    }
    Entry e;
    e.line = rec.line;
    std::string cell_error;
    if (!parse_cell(desc.key_type, rec.cells[key_at], key_column, arena, e.key, e.key_text, cell_error)) {
      error = where(file, rec.line, rec.columns[key_at]) + cell_error;
      return false;
    }
    if (value_column && !parse_cell(desc.value_type, rec.cells[value_at], value_column, arena, e.value,
                                    e.value_text, cell_error)) {
      error = where(file, rec.line, rec.columns[value_at]) + cell_error;
      return false;
    }
    entries.push_back(e);
  }

  bool text_keys = desc.key_type == FIDES_TYPE_TEXT;
  auto less = [&](const Entry& a, const Entry& b) {
    return text_keys ? a.key_text < b.key_text : a.key < b.key;
  };
  std::stable_sort(entries.begin(), entries.end(), less);
  bool text_values = desc.is_map && desc.value_type == FIDES_TYPE_TEXT;
  out = TableStore{};
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    if (i > 0 && !less(entries[i - 1], e)) {  // same key as the one kept before
      const Entry& kept = entries[i - 1];
      bool same = !desc.is_map || (text_values ? kept.value_text == e.value_text : kept.value == e.value);
      if (!same) {
        error = where(file, e.line, 1) + "duplicate key '" +
                (text_keys ? std::string(e.key_text) : format_typed(desc.key_type, e.key)) +
                "' with a different value than on line " + std::to_string(kept.line);
        return false;
      }
      continue;
    }
    if (text_keys) out.key_texts.push_back({e.key_text.data(), int64_t(e.key_text.size())});
    else out.keys.push_back(e.key);
    if (desc.is_map) {
      if (text_values) out.value_texts.push_back({e.value_text.data(), int64_t(e.value_text.size())});
      else out.values.push_back(e.value);
    }
  }
  return true;
}

bool load_tables(const fides_pack& pack, const LoadOptions& options, Dataset& dataset,
                 LoadFailure& failure) {
  dataset.tables.assign(pack.n_tables, TableStore{});
  dataset.table_sources.assign(pack.n_tables, "embedded");
  for (uint32_t i = 0; i < pack.n_tables; ++i) {
    const fides_table_desc& desc = pack.tables[i];
    std::string name = str_or_empty(desc.name);
    std::string text, file, error;
    auto it = options.table_files.find(name);
    if (it != options.table_files.end()) {
      file = it->second;
      std::string bytes;
      if (!read_file(file, bytes, error)) {
        failure = {1, error};
        return false;
      }
      Encoding used;
      if (!decode_input(std::move(bytes), options.encoding, text, used, error)) {
        failure = {1, error};
        return false;
      }
      dataset.table_sources[i] = file;
    } else {
      text.assign(desc.csv ? desc.csv : "", desc.csv ? desc.csv_len : 0);
      file = *str_or_empty(desc.source) ? str_or_empty(desc.source) : "table " + name;
    }
    if (!parse_table(desc, text, file, dataset.arena, dataset.tables[i], error)) {
      failure = {1, "malformed table " + name + ": " + error};
      return false;
    }
  }
  return true;
}

}  // namespace fides::data
