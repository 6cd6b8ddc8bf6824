#include "data/record_file.h"

#include "data/cell_value.h"
#include "data/header_hint.h"
#include "data/input_probe.h"
#include "data/row_reader.h"
#include "data/typed_value.h"
#include "data/utf8.h"

namespace fides::data {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }

bool key_is_text(const fides_pack& pack, int32_t record) {
  const fides_record_desc& r = pack.records[record];
  return r.fields[r.key_field].type == FIDES_TYPE_TEXT;
}

std::string size_text(uint64_t bytes) {
  return bytes % (1 << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

// What a loaded row holds besides its text: staged column entries (values 8,
// text views 16, presence 1, cell columns 4 bytes), its lines and offsets
// (24), then the same again for the compacted copy, the key maps and the
// reference lists that resolve_and_compact() builds from it.
uint64_t row_bytes(const fides_record_desc& desc) {
  uint64_t b = 24;
  for (uint32_t f = 0; f < desc.n_fields; ++f) b += 8 + 16 + 1 + 4;
  return 2 * b + 32;
}

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
                      const LoadOptions& options, TextArena& arena, MemoryBudget& budget, StagedRecord& out,
                      std::vector<std::string>& warnings, InputStat& stat, LoadFailure& failure) {
  const fides_record_desc& desc = pack.records[record];
  out.record = record;
  out.file = source.shown;
  out.input = std::make_unique<InputFile>();
  InputFile& input = *out.input;
  std::string error;
  if (source.text) {
    input.open_text(*source.text);
  } else if (!input.open(source.path, error)) {
    failure = {1, error};
    return false;
  }
  InputProbe probe;
  if (!probe_input(input, probe, !source.text && options.encoding == Encoding::Auto, error)) {
    failure = {1, error};
    return false;
  }
  stat.sha256 = probe.sha256;
  if (probe.utf16_bom) {
    failure = {1, out.file + " is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8 or GBK"};
    return false;
  }
  // Text given in memory is UTF-8 already; files are decoded as --encoding says.
  Encoding used = Encoding::Utf8;
  if (!source.text && (options.encoding == Encoding::Gbk ||
                       (options.encoding == Encoding::Auto && !probe.utf8 && probe.gbk)))
    used = Encoding::Gbk;
  out.used = used;
  stat.encoding = encoding_name(used);

  const uint32_t n_fields = desc.n_fields;
  out.values.assign(n_fields, {});
  out.texts.assign(n_fields, {});
  out.present.assign(n_fields, {});
  out.cell_column.assign(n_fields, {});

  RowReader reader(input, used, options.max_field_bytes);
  CsvRow rec;
  bool have_header = reader.next(rec);
  if (!reader.error().empty()) {
    failure = {1, reader.error()};
    return false;
  }
  std::vector<std::string> header;
  if (have_header)
    for (const std::string& c : rec.cells) header.emplace_back(trim_blanks(c));
  stat.lines = have_header ? rec.last_line : 0;

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
  if (!source.text && misread_header(desc, at, header_in_other_encoding(probe.header_bytes, used))) {
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
  // A line break may stand in a text cell and in a column the pack ignores.
  std::vector<bool> multiline_ok(header.size(), true);
  for (uint32_t f = 0; f < n_fields; ++f)
    if (at[f] >= 0) multiline_ok[at[f]] = desc.fields[f].type == FIDES_TYPE_TEXT;
  reader.set_header(header, std::move(multiline_ok));

  auto out_of_memory = [&](const CsvRow& r) {
    failure = {1, "out of memory while reading " + out.file + " (line " + std::to_string(r.line) +
                      "): the loader would need more than --max-memory " + size_text(budget.limit()) +
                      "; raise --max-memory or split the file"};
    return false;
  };
  // Adds a reject; false when the memory budget does not allow it.
  auto reject = [&](const CsvRow& r, uint32_t column, std::string reason) {
    std::string text = clip_reject_text(utf8_repair(reader.text()));
    if (!budget.charge(sizeof(Reject) + out.file.size() + reason.size() + text.size())) return false;
    out.rejects.push_back({out.file, r.line, r.last_line, column, std::move(reason), std::move(text)});
    return true;
  };

  // Records the key of a row rejected for one of its cells, when the key parses.
  auto remember_rejected_key = [&](const CsvRow& r) {
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

  const uint64_t per_row = row_bytes(desc);
  std::vector<int64_t> values(n_fields);
  std::vector<fides_str> texts(n_fields);
  std::vector<uint8_t> present(n_fields);
  while (reader.next(rec)) {
    ++out.rows;
    stat.lines = rec.last_line;
    if (!rec.problem.empty()) {
      if (!reject(rec, rec.problem_column, rec.problem)) return out_of_memory(rec);
      if (rec.cells.size() == header.size()) remember_rejected_key(rec);
      continue;
    }
    // Cells are checked before anything is copied into the arena.
    const char* bad = nullptr;
    uint32_t bad_column = 0;
    std::string bad_reason;
    for (uint32_t f = 0; f < n_fields && !bad; ++f) {
      const fides_field_desc& field = desc.fields[f];
      texts[f] = {"", 0};
      if (at[f] < 0) {
        present[f] = 0;
        values[f] = field.type == FIDES_TYPE_REF ? -1 : 0;
        continue;
      }
      const std::string& cell = rec.cells[at[f]];
      CellValue read;
      bool text_target = field.type == FIDES_TYPE_REF && key_is_text(pack, field.ref_record);
      bad = read_cell(field, f == desc.key_field, text_target, cell, read);
      values[f] = read.value;
      present[f] = read.present;
      bad_column = rec.columns[at[f]];
      if (bad) bad_reason = reject_reason(bad, field, cell);
    }
    if (bad) {
      if (!reject(rec, bad_column, std::move(bad_reason))) return out_of_memory(rec);
      remember_rejected_key(rec);
      continue;
    }
    uint64_t text_bytes = 0;
    for (uint32_t f = 0; f < n_fields; ++f)
      if (at[f] >= 0 && (desc.fields[f].type == FIDES_TYPE_TEXT || desc.fields[f].type == FIDES_TYPE_REF))
        text_bytes += rec.cells[at[f]].size();
    if (!budget.charge(per_row + text_bytes)) return out_of_memory(rec);
    for (uint32_t f = 0; f < n_fields; ++f) {
      const fides_field_desc& field = desc.fields[f];
      if (at[f] < 0 || !present[f]) continue;
      const std::string& cell = rec.cells[at[f]];
      if (field.type == FIDES_TYPE_TEXT) {
        texts[f] = arena.copy_str(cell);
      } else if (field.type == FIDES_TYPE_REF) {
        texts[f] = arena.copy_str(key_is_text(pack, field.ref_record) ? std::string_view(cell) : trim_blanks(cell));
      }
    }
    out.line.push_back(rec.line);
    out.last_line.push_back(rec.last_line);
    out.offset.push_back(rec.offset);
    out.length.push_back(rec.length);
    for (uint32_t f = 0; f < n_fields; ++f) {
      const fides_field_desc& field = desc.fields[f];
      if (field.type == FIDES_TYPE_TEXT || field.type == FIDES_TYPE_REF) out.texts[f].push_back(texts[f]);
      if (field.type != FIDES_TYPE_TEXT) out.values[f].push_back(values[f]);
      if (field.optional) out.present[f].push_back(present[f]);
      if (field.type == FIDES_TYPE_REF || f == desc.key_field)
        out.cell_column[f].push_back(at[f] >= 0 ? rec.columns[at[f]] : 0);
    }
  }
  if (!reader.error().empty()) {
    failure = {1, reader.error()};
    return false;
  }
  return true;
}

std::string StagedRecord::row_text(size_t i) const {
  std::string bytes = input->read_at(offset[i], static_cast<size_t>(std::min<uint64_t>(length[i], 2 * kRejectTextMax)));
  std::string text, error;
  if (used == Encoding::Gbk) gbk_to_utf8(bytes, text, error);
  else text = std::move(bytes);
  if (offset[i] == 0 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  return clip_reject_text(utf8_repair(text));
}

}  // namespace fides::data
