#include "data/record_file.h"

#include <algorithm>

#include "data/cell_value.h"
#include "data/header_hint.h"
#include "data/input_probe.h"
#include "data/keep_marked.h"
#include "data/row_reader.h"
#include "data/text_interner.h"
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

bool open_record_file(const fides_pack& pack, uint32_t record, const RecordSource& source,
                      const LoadOptions& options, uint64_t part_bytes, StagedRecord& out,
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
  if (!probe_input(input, probe, !source.text && options.encoding == Encoding::Auto, part_bytes, error)) {
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
  out.valid_utf8 = used == Encoding::Utf8 && probe.utf8;
  stat.encoding = encoding_name(used);

  RowReader reader(input, used, options.max_field_bytes, out.valid_utf8);
  CsvRow rec;
  bool have_header = reader.next(rec);
  if (!reader.error().empty()) {
    failure = {1, reader.error()};
    return false;
  }
  std::vector<std::string>& header = out.header;
  if (have_header)
    for (std::string_view c : rec.cells) header.emplace_back(trim_blanks(c));
  stat.lines = have_header ? rec.last_line : 0;

  const uint32_t n_fields = desc.n_fields;
  std::vector<int>& at = out.at;
  at.assign(n_fields, -1);
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
  out.multiline_ok.assign(header.size(), true);
  for (uint32_t f = 0; f < n_fields; ++f)
    if (at[f] >= 0) out.multiline_ok[at[f]] = desc.fields[f].type == FIDES_TYPE_TEXT;
  stat.cells = static_cast<uint32_t>(header.size());
  stat.field_cells = at;

  // Parts: from the end of the header to each cut the probe found after it.
  const uint64_t rows_start = reader.next_offset();
  uint32_t lines_before = reader.lines_before();
  uint64_t offset = rows_start;
  for (const InputProbe::Split& cut : probe.splits) {
    if (cut.offset <= offset) continue;
    out.parts.emplace_back();
    out.parts.back().offset = offset;
    out.parts.back().lines_before = lines_before;
    out.parts.back().stop = cut.offset;
    offset = cut.offset;
    lines_before = cut.lines_before;
  }
  out.parts.emplace_back();
  out.parts.back().offset = offset;
  out.parts.back().lines_before = lines_before;
  out.parts.back().stop = UINT64_MAX;

  // Every column sized once for a row on every line after the header (the
  // probe counted them): parts then write their rows' slots from any thread,
  // and nothing grows by doubling, which would copy each column and hold up
  // to twice it.
  const size_t slots = probe.lines > stat.lines ? static_cast<size_t>(probe.lines - stat.lines) : 0;
  out.filled.assign(slots, 0);
  for (auto* v : {&out.line, &out.last_line}) v->resize(slots);
  for (auto* v : {&out.offset, &out.length}) v->resize(slots);
  out.values.assign(n_fields, {});
  out.texts.assign(n_fields, {});
  out.present.assign(n_fields, {});
  out.cell_column.assign(n_fields, {});
  for (uint32_t f = 0; f < n_fields; ++f) {
    const fides_field_desc& field = desc.fields[f];
    if (field.type == FIDES_TYPE_TEXT || field.type == FIDES_TYPE_REF) out.texts[f].resize(slots);
    if (field.type != FIDES_TYPE_TEXT) out.values[f].resize(slots);
    if (field.optional) out.present[f].resize(slots);
    if (field.type == FIDES_TYPE_REF || f == desc.key_field) out.cell_column[f].resize(slots);
  }
  out.header_lines = stat.lines;
  return true;
}

void read_record_part(const fides_pack& pack, StagedRecord& out, size_t index, const LoadOptions& options,
                      MemoryBudget& budget) {
  const fides_record_desc& desc = pack.records[out.record];
  StagedPart& part = out.parts[index];
  const std::vector<int>& at = out.at;
  const uint32_t n_fields = desc.n_fields;
  RowReader reader(*out.input, out.used, options.max_field_bytes, out.valid_utf8);
  reader.set_header(out.header, out.multiline_ok);
  reader.start_at(part.offset, part.lines_before, part.stop);

  auto out_of_memory = [&](const CsvRow& r) {
    part.out_of_memory = true;
    part.failure = {1, "out of memory while reading " + out.file + " (line " + std::to_string(r.line) +
                           "): the loader would need more than --max-memory " + size_text(budget.limit()) +
                           "; raise --max-memory or split the file"};
  };
  // Adds a reject; false when the memory budget does not allow it.
  auto reject = [&](const CsvRow& r, uint32_t column, std::string reason) {
    std::string text = clip_reject_text(utf8_repair(reader.text()));
    if (!budget.charge(sizeof(Reject) + out.file.size() + reason.size() + text.size())) return false;
    part.rejects.push_back({out.file, r.line, r.last_line, column, std::move(reason), std::move(text)});
    return true;
  };

  // Records the key of a row rejected for one of its cells, when the key parses.
  auto remember_rejected_key = [&](const CsvRow& r) {
    int k = at[desc.key_field];
    if (k < 0) return;
    uint32_t key_type = desc.fields[desc.key_field].type;
    std::string key;
    if (key_type == FIDES_TYPE_TEXT) {
      key = std::string(r.cells[k]);
    } else {
      int64_t v = 0;
      if (parse_typed(key_type, trim_blanks(r.cells[k]), v)) return;
      key = format_typed(key_type, v);
    }
    part.rejected_keys.emplace(std::move(key), r.line);
  };

  const uint64_t per_row = row_bytes(desc);
  std::vector<int64_t> values(n_fields);
  std::vector<fides_str> texts(n_fields);
  std::vector<uint8_t> present(n_fields);
  std::vector<TextInterner> interners(n_fields);
  std::vector<uint8_t> ref_to_text_key(n_fields);  // a reference whose target's key is text keeps its cell untrimmed
  for (uint32_t f = 0; f < n_fields; ++f)
    ref_to_text_key[f] = desc.fields[f].type == FIDES_TYPE_REF && key_is_text(pack, desc.fields[f].ref_record);
  CsvRow rec;
  const size_t n_header = out.header.size();
  while (reader.next(rec)) {
    ++part.rows;
    if (!rec.problem.empty()) {
      if (!reject(rec, rec.problem_column, rec.problem)) return out_of_memory(rec);
      if (rec.cells.size() == n_header) remember_rejected_key(rec);
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
      std::string_view cell = rec.cells[at[f]];
      CellValue read;
      bad = read_cell(field, f == desc.key_field, ref_to_text_key[f], cell, read);
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
      std::string_view cell = rec.cells[at[f]];
      if (field.type == FIDES_TYPE_TEXT) {
        texts[f] = interners[f].copy(cell, part.arena);
      } else if (field.type == FIDES_TYPE_REF) {
        texts[f] = part.ref_texts.copy_str(ref_to_text_key[f] ? cell : trim_blanks(cell));
      }
    }
    const size_t slot = rec.line - out.header_lines - 1;
    if (slot >= out.filled.size()) {  // the probe and the reader disagree on the lines: never seen
      part.failure = {1, out.file + " changed while it was read (line " + std::to_string(rec.line) + ")"};
      return;
    }
    out.filled[slot] = 1;
    out.line[slot] = rec.line;
    out.last_line[slot] = rec.last_line;
    out.offset[slot] = rec.offset;
    out.length[slot] = rec.length;
    for (uint32_t f = 0; f < n_fields; ++f) {
      const fides_field_desc& field = desc.fields[f];
      if (field.type == FIDES_TYPE_TEXT || field.type == FIDES_TYPE_REF) out.texts[f][slot] = texts[f];
      if (field.type != FIDES_TYPE_TEXT) out.values[f][slot] = values[f];
      if (field.optional) out.present[f][slot] = present[f];
      if (field.type == FIDES_TYPE_REF || f == desc.key_field)
        out.cell_column[f][slot] = at[f] >= 0 ? rec.columns[at[f]] : 0;
    }
  }
  if (!reader.error().empty()) {
    part.failure = {1, reader.error()};
    return;
  }
  part.end_offset = reader.next_offset();
  part.end_lines = reader.lines_before();
}

void clear_record_parts(StagedRecord& out) {
  for (StagedPart& part : out.parts) {
    StagedPart fresh;
    fresh.offset = part.offset;
    fresh.stop = part.stop;
    fresh.lines_before = part.lines_before;
    part = std::move(fresh);
  }
  std::fill(out.filled.begin(), out.filled.end(), 0);
}

bool finish_record_file(const fides_pack& pack, StagedRecord& out, const LoadOptions& options,
                        MemoryBudget& budget, TextArena& arena, InputStat& stat, LoadFailure& failure) {
  for (size_t k = 0; k < out.parts.size(); ++k) {
    StagedPart& part = out.parts[k];
    if (part.failure.exit_code) {
      failure = part.failure;
      return false;
    }
    if (k == 0) continue;
    const StagedPart& before = out.parts[k - 1];
    if (before.end_offset == part.offset) continue;
    // The previous part's last record ran on past the cut (a quoted cell
    // spanning lines): this part's reader started inside it. Read it again
    // from where that record ends, on the slots of its own lines.
    for (uint32_t line = part.lines_before + 1; line <= part.end_lines; ++line)
      out.filled[line - out.header_lines - 1] = 0;
    StagedPart again;
    again.offset = before.end_offset;
    again.lines_before = before.end_lines;
    again.stop = part.stop;
    part = std::move(again);
    read_record_part(pack, out, k, options, budget);
    if (part.failure.exit_code) {
      failure = part.failure;
      return false;
    }
  }
  stat.lines = out.header_lines;
  for (StagedPart& part : out.parts) {
    out.rows += part.rows;
    if (part.rows) stat.lines = std::max(stat.lines, part.end_lines);
    arena.adopt(std::move(part.arena));
    out.ref_texts.adopt(std::move(part.ref_texts));
    for (Reject& r : part.rejects) out.rejects.push_back(std::move(r));
    for (auto& [key, line] : part.rejected_keys) out.rejected_keys.emplace(key, line);
  }
  out.parts.clear();
  for (auto* v : {&out.line, &out.last_line}) keep_marked(*v, out.filled);
  for (auto* v : {&out.offset, &out.length}) keep_marked(*v, out.filled);
  for (auto& v : out.values) keep_marked(v, out.filled);
  for (auto& v : out.texts) keep_marked(v, out.filled);
  for (auto& v : out.present) keep_marked(v, out.filled);
  for (auto& v : out.cell_column) keep_marked(v, out.filled);
  out.filled = {};
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
