#include "data/row_reader.h"

#include <algorithm>
#include <array>

#include "data/utf8.h"

namespace fides::data {
namespace {
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string at_line(uint32_t line, uint32_t column) {
  return "line " + std::to_string(line) + " column " + std::to_string(column);
}
}  // namespace

uint64_t line_cap(uint64_t max_field_bytes, size_t columns) {
  // A quoted cell of n bytes takes at most 2n + 2 bytes as written, plus its comma.
  uint64_t per_cell = 2 * max_field_bytes + 3;
  return per_cell * std::max<size_t>(columns, 1);
}

// The header is read under a limit of at least 1 MiB, whatever the rows' limit.
RowReader::RowReader(const InputFile& in, Encoding used, uint64_t max_field_bytes, bool valid_utf8)
    : lines_(in, line_cap(std::max<uint64_t>(max_field_bytes, 1 << 20), 1)),
      used_(used),
      limit_(max_field_bytes),
      max_field_(std::max<uint64_t>(max_field_bytes, 1 << 20)),
      valid_utf8_(valid_utf8) {
  if (used_ == Encoding::Gbk) gbk_ = std::make_unique<GbkDecoder>();
}

void RowReader::set_header(const std::vector<std::string>& names, std::vector<bool> multiline_ok) {
  names_ = names;
  multiline_ok_ = std::move(multiline_ok);
  max_field_ = limit_;
  lines_.set_cap(line_cap(max_field_, names_.size()));
}

bool RowReader::fetch(size_t index) {
  while (pending_.size() <= index) {
    Line line;
    if (!lines_.next(line.raw)) {
      error_ = lines_.error();
      return false;
    }
    line.overlong = line.raw.overlong();
    if (used_ == Encoding::Gbk) {
      if (!gbk_->decode(line.raw.bytes, line.text, error_)) return false;
    } else {
      line.text = std::move(line.raw.bytes);
      if (line.raw.number == 1 && line.text.compare(0, 3, "\xEF\xBB\xBF") == 0) line.text.erase(0, 3);
    }
    line.raw.bytes.clear();
    pending_.push_back(std::move(line));
  }
  return true;
}

void RowReader::take(size_t count, CsvRow& out) {
  current_.clear();
  for (size_t i = 0; i < count; ++i) {
    current_.push_back(std::move(pending_.front()));
    pending_.pop_front();
  }
  const PhysicalLine& first = current_.front().raw;
  const PhysicalLine& last = current_.back().raw;
  out.line = first.number;
  out.last_line = last.number;
  out.offset = first.offset;
  out.length = last.offset + last.length - first.offset;
}

std::string clip_reject_text(std::string text) {
  if (text.size() <= kRejectTextMax) return text;
  size_t cut = kRejectTextMax;
  while (cut > 0 && is_continuation(text[cut])) --cut;
  text.resize(cut);
  return text + "…";
}

std::string RowReader::text() const {
  if (current_.empty()) return std::string(plain_);
  std::string out;
  for (const Line& l : current_) {
    if (&l != &current_.front()) out += '\n';
    out.append(l.text, 0, 2 * kRejectTextMax);
    if (out.size() > kRejectTextMax) break;
  }
  return out;
}

namespace {
// What a byte means to the plain-line splitter.
enum : uint8_t { kPlain, kComma, kSpecial, kHigh };
constexpr std::array<uint8_t, 256> kByteKinds = [] {
  std::array<uint8_t, 256> kinds{};
  for (int c = 0x80; c < 0x100; ++c) kinds[c] = kHigh;
  kinds[','] = kComma;
  kinds['"'] = kinds['\r'] = kinds['\0'] = kSpecial;
  return kinds;
}();
}  // namespace

bool RowReader::next_plain(CsvRow& out) {
  std::string_view line;
  if (!lines_.peek(line) || line.empty() || line.size() > line_cap(max_field_, names_.size())) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  const size_t n = line.size(), n_columns = names_.size();
  out.cells.clear();
  out.columns.clear();
  out.columns.push_back(1);
  bool high = false;
  size_t start = 0;
  uint32_t column = 1;
  auto end_cell = [&](size_t end) {
    std::string_view cell = line.substr(start, end - start);
    if (cell.size() > max_field_ || out.cells.size() == n_columns) return false;
    if (high && !valid_utf8_ && utf8_invalid_at(cell) != std::string_view::npos) return false;
    column += high ? utf8_code_points(cell, cell.size()) + 1 : static_cast<uint32_t>(cell.size() + 1);
    out.cells.push_back(cell);
    high = false;
    start = end + 1;
    return true;
  };
  for (size_t i = 0; i < n; ++i) {
    switch (kByteKinds[p[i]]) {
      case kPlain: continue;
      case kHigh: high = true; continue;
      case kSpecial: return false;
      case kComma:
        if (!end_cell(i)) return false;
        out.columns.push_back(column);
    }
  }
  if (!end_cell(n) || out.cells.size() != n_columns) return false;
  current_.clear();
  plain_ = line;
  out.owned.clear();
  out.problem.clear();
  out.problem_column = 0;
  lines_.skip_peeked(line, out.line, out.offset);
  out.last_line = out.line;
  out.length = line.size();
  return true;
}

void RowReader::start_at(uint64_t offset, uint32_t lines_before, uint64_t stop) {
  pending_.clear();
  current_.clear();
  lines_.start_at(offset, lines_before);
  stop_ = stop;
}

bool RowReader::next(CsvRow& out) {
  if (next_offset() >= stop_) return false;
  if (pending_.empty() && !names_.empty() && used_ == Encoding::Utf8 && next_plain(out)) return true;
  if (!fetch(0)) return false;
  split(out);
  out.cells.assign(out.owned.begin(), out.owned.end());
  return error_.empty();
}

// Splits the record that starts at pending_[0]; takes its lines into current_.
void RowReader::split(CsvRow& out) {
  out.owned.clear();
  out.columns.clear();
  out.problem.clear();
  out.problem_column = 0;
  std::string cell;
  bool quoted = false, in_quote = false, at_cell_start = true;
  uint32_t quote_column = 0;
  size_t quote_line = 0;            // index in pending_ of the open quote
  std::vector<size_t> spanning;     // cells holding a line break
  std::string quoting;              // the first stray-quote problem
  uint32_t quoting_column = 0;
  std::string too_long;             // a cell over the limit on the record's last line
  uint32_t too_long_column = 0;
  size_t li = 0;
  auto name_of = [&](size_t cell_index) {
    return cell_index < names_.size() ? names_[cell_index] : "column " + std::to_string(cell_index + 1);
  };
  auto first_line_only = [&](std::string reason, uint32_t column) {
    take(1, out);
    out.problem = std::move(reason);
    out.problem_column = column;
  };
  out.columns.push_back(1);
  for (;; ++li) {
    const std::string& t = pending_[li].text;
    uint32_t col = 0;
    size_t i = 0;
    for (; i < t.size(); ++i) {
      char c = t[i];
      if (!is_continuation(c)) ++col;
      if (in_quote) {
        if (c != '"') {
          cell += c;
        } else if (i + 1 < t.size() && t[i + 1] == '"') {
          cell += '"';
          ++i;
          ++col;
        } else {
          in_quote = false;
        }
      } else if (c == ',') {
        out.owned.push_back(std::move(cell));
        cell.clear();
        quoted = false;
        at_cell_start = true;
        out.columns.push_back(col + 1);
        continue;
      } else if (c == '"' && at_cell_start) {
        in_quote = quoted = true;
        quote_column = col;
        quote_line = li;
      } else {
        if (quoting.empty() && (quoted || c == '"')) {
          quoting = quoted ? "text after the closing quote of a quoted cell" : "quote inside an unquoted cell";
          quoting_column = col;
        }
        cell += c;
      }
      at_cell_start = false;
      if (cell.size() <= max_field_) continue;
      if (in_quote && quote_line < li) {
        first_line_only("field too long: the quoted cell opened at " +
                            at_line(pending_[0].raw.number, quote_column) + " runs past " +
                            std::to_string(max_field_) + " bytes without closing",
                        quote_column);
        return;
      }
      too_long = "field too long in " + name_of(out.owned.size()) + ": more than " + std::to_string(max_field_) +
                 " bytes";
      too_long_column = out.columns.back();
      break;
    }
    if (!too_long.empty() || !in_quote || pending_[li].overlong) break;
    if (!fetch(li + 1)) {
      if (!error_.empty()) return;
      first_line_only("unterminated quote: the quoted cell opened at " +
                          at_line(pending_[0].raw.number, quote_column) + " is not closed by the end of the file",
                      quote_column);
      return;
    }
    cell += '\n';
    if (spanning.empty() || spanning.back() != out.owned.size()) spanning.push_back(out.owned.size());
  }
  out.owned.push_back(std::move(cell));
  const size_t n_columns = names_.size();
  if (li > 0) {
    bool unbalanced = !quoting.empty() || (n_columns && out.owned.size() != n_columns) || !too_long.empty();
    for (size_t s : spanning) unbalanced = unbalanced || (s < multiline_ok_.size() && !multiline_ok_[s]);
    if (unbalanced) {
      uint32_t column = out.columns[spanning.front()];
      std::string where = "the quoted cell at column " + std::to_string(column) + " runs on to line " +
                          std::to_string(pending_[li].raw.number);
      if (!quoting.empty() || !too_long.empty() || (n_columns && out.owned.size() != n_columns))
        where += " and leaves the record malformed";
      else
        where += ", but " + name_of(spanning.front()) + " cannot hold a line break";
      first_line_only("unbalanced quote: " + where, column);
      return;
    }
  }
  take(li + 1, out);
  const Line& first = current_.front();
  for (const Line& l : current_) {
    size_t bad = utf8_invalid_at(l.text);
    size_t nul = l.text.find('\0');
    if (bad == std::string::npos && nul == std::string::npos) continue;
    size_t at = std::min(bad, nul);
    out.problem = at == bad ? (used_ == Encoding::Gbk ? "invalid GBK" : "invalid UTF-8") : "NUL byte";
    out.problem_column = utf8_code_points(l.text, at) + 1;
    return;
  }
  if (!too_long.empty()) {
    out.problem = std::move(too_long);
    out.problem_column = too_long_column;
  } else if (!quoting.empty()) {
    out.problem = "malformed quoting: " + quoting;
    out.problem_column = quoting_column;
  } else if (current_.size() == 1 && first.text.empty() && !first.overlong) {
    out.problem = "blank line";
    out.problem_column = 1;
  } else if (n_columns && out.owned.size() != n_columns) {
    bool more = out.owned.size() > n_columns;
    out.problem = "wrong column count: expected " + std::to_string(n_columns) + " cells, found " +
                  (first.overlong ? "more than " : "") + std::to_string(out.owned.size());
    out.problem_column =
        more ? out.columns[n_columns] : utf8_code_points(current_.back().text, current_.back().text.size()) + 1;
  } else if (current_.back().overlong) {
    out.problem = "field too long in " + name_of(out.owned.size() - 1) + ": more than " +
                  std::to_string(max_field_) + " bytes";
    out.problem_column = out.columns.back();
  }
}

}  // namespace fides::data
