#include "host/masking.h"

#include <algorithm>
#include <set>

#include "data/csv.h"
#include "data/descriptor_check.h"
#include "data/typed_value.h"
#include "data/utf8.h"
#include "host/output_file.h"

namespace fides::host {
namespace {
constexpr uint32_t kShortest = 2;  // code points of the shortest value searched for in text

bool is_personal(const fides_field_desc& f) { return (f.flags & FIDES_FIELD_PERSONAL) != 0; }

size_t starts_index(std::string_view s, size_t at) {
  return static_cast<size_t>(static_cast<unsigned char>(s[at])) << 8 | static_cast<unsigned char>(s[at + 1]);
}

// Bytes of the UTF-8 sequence a lead byte starts (1 for anything else), so
// that a value is only ever matched from the start of a character.
size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }
}  // namespace

std::vector<std::string> personal_fields(const fides_pack& pack) {
  std::vector<std::string> out;
  for (uint32_t r = 0; r < pack.n_records; ++r)
    for (uint32_t f = 0; f < pack.records[r].n_fields; ++f)
      if (is_personal(pack.records[r].fields[f]))
        out.push_back(std::string(pack.records[r].name) + "." + pack.records[r].fields[f].name);
  return out;
}

Masking::Masking(const trust::MaskKey& key, const fides_pack& pack, const data::Dataset& dataset)
    : key_(&key), pack_(&pack), personal_key_(pack.n_records, false), starts_(size_t{1} << 16, false) {
  const uint32_t inputs = data::input_record_count(pack);
  for (uint32_t r = 0; r < pack.n_records; ++r) {
    const fides_record_desc& rec = pack.records[r];
    personal_key_[r] = rec.group_source < 0 ? is_personal(rec.fields[rec.key_field])
                                            : rec.n_keys == 1 && is_personal(rec.fields[0]);
    // A group's rows hold values of its input records: those are read below.
    if (r >= inputs || r >= dataset.inputs.size()) continue;
    for (uint32_t f = 0; f < rec.n_fields; ++f)
      if (is_personal(rec.fields[f]) && rec.fields[f].type == FIDES_TYPE_TEXT)
        for (const fides_str& v : dataset.records[r].texts[f]) add_value(std::string_view(v.ptr, v.len));
    const data::InputStat& in = dataset.inputs[r];
    auto [it, fresh] = layouts_.try_emplace(in.file);
    Layout& layout = it->second;
    if (fresh) {
      layout.cells = in.cells;
      layout.personal.assign(in.cells, false);
    } else if (layout.cells != in.cells) {
      layout.cells = UINT32_MAX;  // one file read with two headers (--input): no row lines up
    }
    for (uint32_t f = 0; f < rec.n_fields && f < in.field_cells.size(); ++f)
      if (is_personal(rec.fields[f]) && in.field_cells[f] >= 0 &&
          static_cast<size_t>(in.field_cells[f]) < layout.personal.size())
        layout.personal[in.field_cells[f]] = true;
  }
  // A rejected row's personal values may appear nowhere else, yet its reason quotes them.
  std::vector<std::string> cells;
  for (const data::Reject& r : dataset.rejects) {
    auto it = layouts_.find(r.file);
    if (it == layouts_.end() || !aligned_cells(it->second, r.text, cells)) continue;
    for (size_t c = 0; c < cells.size(); ++c)
      if (it->second.personal[c]) add_owned_value(std::string(data::trim_blanks(cells[c])));
  }
  std::set<size_t, std::greater<>> lengths;
  for (std::string_view v : values_) {
    lengths.insert(v.size());
    starts_[starts_index(v, 0)] = true;
  }
  lengths_.assign(lengths.begin(), lengths.end());
}

void Masking::add_value(std::string_view v) {
  if (data::utf8_code_points(v, v.size()) >= kShortest) values_.insert(v);
}

void Masking::add_owned_value(std::string v) {
  if (data::utf8_code_points(v, v.size()) < kShortest || values_.count(v)) return;
  values_.insert(owned_.emplace_back(std::move(v)));
}

std::string Masking::key(uint32_t record, std::string_view key) const {
  if (!active()) return std::string(key);
  if (record < personal_key_.size() && personal_key_[record]) return key.empty() ? "" : key_->pseudonym(key);
  return text(key);
}

std::string Masking::value(uint32_t record, uint32_t field, std::string_view value) const {
  if (!active()) return std::string(value);
  if (is_personal(pack_->records[record].fields[field])) return value.empty() ? "" : key_->pseudonym(value);
  return text(value);
}

std::string Masking::text(std::string_view s) const {
  if (!active() || values_.empty()) return std::string(s);
  // The longest known value that starts at byte `at`, or 0.
  auto match_at = [&](size_t at) -> size_t {
    if (!starts_[starts_index(s, at)]) return 0;
    for (size_t len : lengths_)
      if (len <= s.size() - at && values_.count(s.substr(at, len))) return len;
    return 0;
  };
  std::string out;
  size_t copied = 0;
  for (size_t at = 0; at + 1 < s.size();) {
    size_t len = match_at(at);
    if (len == 0) {
      at += sequence_length(static_cast<unsigned char>(s[at]));
      continue;
    }
    out.append(s.substr(copied, at - copied));
    out += key_->pseudonym(s.substr(at, len));
    at += len;
    copied = at;
  }
  out.append(s.substr(copied));
  return out;
}

bool Masking::aligned_cells(const Layout& layout, std::string_view text, std::vector<std::string>& cells) {
  data::CsvParser parser(text);
  data::CsvRecord record;
  data::CsvError error;
  bool malformed = false;
  if (!parser.next(record, error, malformed) || malformed || record.cells.size() != layout.cells) return false;
  data::CsvRecord more;
  if (parser.next(more, error, malformed)) return false;  // a line break outside quotes: not one row
  cells = std::move(record.cells);
  return true;
}

data::Reject Masking::reject(const data::Reject& r) const {
  data::Reject out = r;
  if (!active()) return out;
  out.reason = text(r.reason);
  auto it = layouts_.find(r.file);
  const Layout* layout = it == layouts_.end() ? nullptr : &it->second;
  if (!layout || std::find(layout->personal.begin(), layout->personal.end(), true) == layout->personal.end()) {
    out.text = text(r.text);
    return out;
  }
  out.text.clear();
  std::vector<std::string> cells;
  if (aligned_cells(*layout, r.text, cells)) {
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out.text += ',';
      if (!layout->personal[c]) {
        append_csv_cell(out.text, text(cells[c]));
        continue;
      }
      std::string_view clear = data::trim_blanks(cells[c]);
      if (cells[c].empty()) continue;
      out.text += key_->pseudonym(cells[c]);
      // The reason quotes a cell without its blanks; a short one is not searched for by text().
      if (!clear.empty()) replace_all(out.reason, quoted(clear), quoted(key_->pseudonym(clear)));
    }
    return out;
  }
  size_t start = 0;
  while (true) {
    size_t comma = r.text.find(',', start);
    std::string_view piece = std::string_view(r.text).substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!piece.empty()) out.text += key_->pseudonym(piece);
    if (comma == std::string::npos) break;
    out.text += ',';
    start = comma + 1;
  }
  return out;
}

}  // namespace fides::host
