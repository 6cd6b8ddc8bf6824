#include "data/record_file.h"

#include "data/csv.h"
#include "data/header_hint.h"
#include "data/typed_value.h"
#include "data/utf8.h"
#include "hash/sha256.h"

namespace fides::data {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }

const char* column_name(const fides_field_desc& f) {
  return f.column && *f.column ? f.column : str_or_empty(f.name);
}

// Column of the byte at `offset` of a record's raw text, counted on its physical line.
uint32_t column_in_raw(std::string_view raw, size_t offset) {
  size_t line_start = raw.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string_view::npos || offset == 0) ? 0 : line_start + 1;
  return utf8_code_points(raw.substr(line_start), offset - line_start) + 1;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// True when the header, as read, lacks a schema column and `other` (the header
// read in the other encoding) has every non-optional column and more of the
// schema's columns: the file was read in the wrong encoding.
bool misread_header(const fides_record_desc& desc, const std::vector<int>& at, const std::vector<std::string>& other) {
  size_t found = 0, found_other = 0;
  bool required_other = true;
  for (uint32_t f = 0; f < desc.n_fields; ++f) {
    bool in_other = false;
    for (const std::string& cell : other) in_other = in_other || cell == column_name(desc.fields[f]);
    found += at[f] >= 0;
    found_other += in_other;
    required_other = required_other && (in_other || desc.fields[f].optional);
  }
  return found < desc.n_fields && required_other && found_other > found;
}
}  // namespace

bool read_record_file(const fides_pack& pack, uint32_t record, const RecordSource& source,
                      Encoding encoding, TextArena& arena, StagedRecord& out,
                      std::vector<std::string>& warnings, InputStat& stat, LoadFailure& failure) {
  const fides_record_desc& desc = pack.records[record];
  out.record = record;
  out.file = source.shown;
  std::string bytes, error;
  if (source.text) {
    bytes = *source.text;
  } else if (!read_file(source.path, bytes, error)) {
    failure = {1, error};
    return false;
  }
  stat.sha256 = hash::sha256_hex(bytes);
  // Text given in memory is UTF-8 already; files are decoded as --encoding says.
  Encoding used = Encoding::Utf8;
  std::string header_bytes;
  if (source.text) {
    out.text = std::move(bytes);
  } else {
    header_bytes = bytes.substr(0, bytes.find_first_of("\r\n"));
    if (!decode_input(std::move(bytes), encoding, out.text, used, error)) {
      failure = {1, error};
      return false;
    }
  }
  stat.encoding = encoding_name(used);
  const char* invalid_reason = used == Encoding::Gbk ? "invalid GBK" : "invalid UTF-8";

  const uint32_t n_fields = desc.n_fields;
  out.values.assign(n_fields, {});
  out.texts.assign(n_fields, {});
  out.present.assign(n_fields, {});
  out.cell_column.assign(n_fields, {});

  CsvParser parser(out.text);
  CsvRecord rec;
  CsvError csv_error;
  bool malformed = false;
  bool have_header = parser.next(rec, csv_error, malformed);
  std::vector<std::string> header;
  if (have_header)
    for (const std::string& c : rec.cells) header.emplace_back(trim_blanks(c));

  // Header index of each field's column; -1 when an optional field's column is missing.
  std::vector<int> at(n_fields, -1);
  for (uint32_t f = 0; f < n_fields; ++f) {
    std::string name = column_name(desc.fields[f]);
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] != name) continue;
      if (at[f] >= 0) {
        failure = {1, out.file + ": column '" + name + "' appears twice in the header (columns " +
                          std::to_string(at[f] + 1) + " and " + std::to_string(i + 1) + ")"};
        return false;
      }
      at[f] = static_cast<int>(i);
    }
  }
  if (!source.text && misread_header(desc, at, header_in_other_encoding(header_bytes, used))) {
    failure = {1, "header of " + out.file + " does not match; " + other_encoding_hint(used)};
    return false;
  }
  for (uint32_t f = 0; f < n_fields; ++f) {
    const fides_field_desc& field = desc.fields[f];
    if (at[f] >= 0) continue;
    std::string name = column_name(field);
    if (!field.optional) {
      failure = {1, out.file + ": missing column '" + name + "' (field " + str_or_empty(field.name) +
                        " of record " + str_or_empty(desc.name) + ")" +
                        (have_header ? "" : "; the file is empty, it needs a header row")};
      return false;
    }
    warnings.push_back(out.file + ": no column '" + name + "'; optional field " + str_or_empty(field.name) +
                       " is absent in every row");
  }

  auto reject = [&](const CsvRecord& r, uint32_t column, std::string reason) {
    out.rejects.push_back({out.file, r.line, column, std::move(reason), utf8_repair(r.raw)});
  };

  // Records the key of a row rejected for one of its cells, when the key parses.
  auto remember_rejected_key = [&](const CsvRecord& r) {
    int k = at[desc.key_field];
    if (k < 0) return;
    uint32_t key_type = desc.fields[desc.key_field].type;
    std::string key;
    if (key_type == FIDES_TYPE_TEXT) {
      key = r.cells[k];
    } else {
      int64_t v = 0;
      if (parse_typed(key_type, trim_blanks(r.cells[k]), v)) return;
      key = format_typed(key_type, v);
    }
    out.rejected_keys.emplace(std::move(key), r.line);
  };

  std::vector<int64_t> values(n_fields);
  std::vector<fides_str> texts(n_fields);
  std::vector<uint8_t> present(n_fields);
  while (parser.next(rec, csv_error, malformed)) {
    if (rec.raw.empty() && rec.cells.size() == 1) continue;  // a blank line is not a row
    ++out.rows;
    if (size_t bad = utf8_invalid_at(rec.raw); bad != std::string_view::npos) {
      reject(rec, column_in_raw(rec.raw, bad), invalid_reason);
      continue;
    }
    if (malformed) {
      reject(rec, csv_error.column, "malformed quoting: " + csv_error.reason);
      continue;
    }
    if (rec.cells.size() != header.size()) {
      uint32_t column = rec.cells.size() > header.size()
                            ? rec.columns[header.size()]
                            : column_in_raw(rec.raw, rec.raw.size());
      reject(rec, column, "wrong column count: expected " + std::to_string(header.size()) +
                              " cells, found " + std::to_string(rec.cells.size()));
      continue;
    }
    bool ok = true;
    for (uint32_t f = 0; f < n_fields && ok; ++f) {
      const fides_field_desc& field = desc.fields[f];
      values[f] = 0;
      texts[f] = {"", 0};
      present[f] = 1;
      if (at[f] < 0) {
        present[f] = 0;
        values[f] = field.type == FIDES_TYPE_REF ? -1 : 0;
        continue;
      }
      const std::string& cell = rec.cells[at[f]];
      uint32_t column = rec.columns[at[f]];
      if (field.type == FIDES_TYPE_TEXT) {
        if (cell.empty() && field.optional) present[f] = 0;
        else texts[f] = arena.copy_str(cell);
        continue;
      }
      std::string_view s = trim_blanks(cell);
      if (s.empty()) {
        if (field.optional) {
          present[f] = 0;
          values[f] = field.type == FIDES_TYPE_REF ? -1 : 0;
          continue;
        }
        reject(rec, column, std::string("missing value in ") + column_name(field));
        ok = false;
        break;
      }
      if (field.type == FIDES_TYPE_REF) {
        const fides_record_desc& target = pack.records[field.ref_record];
        bool text_key = target.fields[target.key_field].type == FIDES_TYPE_TEXT;
        texts[f] = arena.copy_str(text_key ? std::string_view(cell) : s);
        continue;
      }
      if (const char* reason = parse_typed(field.type, s, values[f])) {
        reject(rec, column, std::string(reason) + " in " + column_name(field) + ": " + quoted(s));
        ok = false;
      }
    }
    if (!ok) {
      remember_rejected_key(rec);
      continue;
    }
    out.line.push_back(rec.line);
    out.raw.push_back(rec.raw);
    for (uint32_t f = 0; f < n_fields; ++f) {
      const fides_field_desc& field = desc.fields[f];
      if (field.type == FIDES_TYPE_TEXT || field.type == FIDES_TYPE_REF) out.texts[f].push_back(texts[f]);
      if (field.type != FIDES_TYPE_TEXT) out.values[f].push_back(values[f]);
      if (field.optional) out.present[f].push_back(present[f]);
      if (field.type == FIDES_TYPE_REF || f == desc.key_field)
        out.cell_column[f].push_back(at[f] >= 0 ? rec.columns[at[f]] : 0);
    }
  }
  return true;
}

}  // namespace fides::data
