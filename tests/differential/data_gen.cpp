#include "data_gen.h"

#include <algorithm>
#include <climits>
#include <cstdio>

namespace fides::difftest {
namespace {

using lower::AbiType;

// ------------------------------------------------------------------ dates

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned month_days(int64_t y, unsigned m) {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

const int64_t kMinDate = days_from_civil(1, 1, 1);
const int64_t kMaxDate = days_from_civil(9999, 12, 31);

std::string format_date(int64_t days) {
  days = std::clamp(days, kMinDate, kMaxDate);
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

// ------------------------------------------------------------------ text helpers

bool ident_byte(unsigned char c) { return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Cells of a CSV text, header row included.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
    } else {
      cell += c;
      any = true;
    }
  }
  if (!cell.empty() || !rows.back().empty()) rows.back().push_back(cell);
  if (rows.back().empty()) rows.pop_back();
  (void)any;
  return rows;
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// ------------------------------------------------------------------ fixed pools

const std::vector<std::string> kSpecialTexts = {
    "",
    "含,逗号",
    "带\"引号\"的文本",
    "多行\n文本",
    "a,b\"c\nd",
    "  前后空格  ",
    "中文文本",
    "医院",
    "住院",
    "门诊",
    "男",
    "女",
    "%",
    "_",
    "\\",
    "{}",
    "A001|A002",
    "é ü ß",
    "😀表情",
    "x",
    "X",
    "0",
    "-",
    "trailing\r",
};

const std::vector<std::string> kChinese = {"甲", "乙", "丙", "丁", "医", "保", "药", "费", "中", "心"};

std::string idcard(Rng& rng) {
  static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char check[] = "10X98765432";
  static const char* regions[] = {"430102", "430104", "110101", "440305"};
  int64_t days = days_from_civil(1930, 1, 1) + static_cast<int64_t>(rng.below(365 * 90));
  if (rng.chance(10)) days = days_from_civil(rng.chance(50) ? 2000 : 1996, 2, 29);
  std::string s = regions[rng.below(4)];
  std::string d = format_date(days);
  s += d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
  char seq[8];
  std::snprintf(seq, sizeof seq, "%03u", static_cast<unsigned>(rng.below(1000)));
  s += seq;
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (s[i] - '0') * weights[i];
  char c = check[sum % 11];
  if (c == 'X' && rng.chance(40)) c = 'x';
  if (rng.chance(15)) c = c == '0' ? '1' : '0';  // a wrong check digit
  s += c;
  if (rng.chance(5)) s.pop_back();                // a wrong length
  return s;
}

// A text matching a like pattern (or nearly: sometimes one character off).
std::string instantiate(Rng& rng, const std::string& pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += pattern[++i];
    } else if (c == '%') {
      switch (rng.below(5)) {
        case 0: break;
        case 1: out += "1"; break;
        case 2: out += "AB.9"; break;
        case 3: out += "中"; break;
        default: out += std::to_string(rng.below(100)); break;
      }
    } else if (c == '_') {
      out += rng.chance(20) ? "药" : std::string(1, static_cast<char>('0' + rng.below(10)));
    } else {
      out += c;
    }
  }
  if (rng.chance(10) && !out.empty()) out.pop_back();
  if (rng.chance(5)) out = "z" + out;
  return out;
}

// ------------------------------------------------------------------ numbers

std::string format_micros(__int128 v, bool trim) {
  bool neg = v < 0;
  unsigned __int128 m = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  unsigned __int128 ip = m / 1000000;
  unsigned frac = static_cast<unsigned>(m % 1000000);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(ip % 10)));
    ip /= 10;
  } while (ip);
  char f[8];
  std::snprintf(f, sizeof f, "%06u", frac);
  std::string fs = f;
  if (trim) {
    while (!fs.empty() && fs.back() == '0') fs.pop_back();
  }
  return (neg ? "-" : "") + digits + (fs.empty() ? "" : "." + fs);
}

}  // namespace

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// ------------------------------------------------------------------ seeds

Seeds collect_seeds(const lower::PackDescription& pack) {
  Seeds seeds;
  std::map<std::string, std::vector<std::string>> table_cells;  // table name → its cells
  for (const lower::TableDescription& t : pack.tables) {
    auto rows = parse_csv(t.csv);
    for (size_t r = 1; r < rows.size(); ++r)
      for (const std::string& cell : rows[r]) {
        add_unique(table_cells[t.name], cell);
        if (t.key_type == AbiType::Text) add_unique(seeds.texts, cell);
        if (cell.find('%') != std::string::npos) add_unique(seeds.patterns, cell);
      }
  }
  for (const lower::SourceDescription& src : pack.sources) {
    const std::string& s = src.text;
    size_t i = 0;
    while (i < s.size()) {
      // One line: its literals and identifiers.
      std::vector<std::string> lits, ids;
      while (i < s.size() && s[i] != '\n') {
        char c = s[i];
        if (c == '#') {
          while (i < s.size() && s[i] != '\n') ++i;
          break;
        }
        if (c == '"') {
          std::string lit;
          ++i;
          while (i < s.size() && s[i] != '"' && s[i] != '\n') {
            if (s[i] == '\\' && i + 1 < s.size()) {
              char e = s[++i];
              if (e == 'n') lit += '\n';
              else if (e == 't') lit += '\t';
              else if (e == 'u' && i + 1 < s.size() && s[i + 1] == '{') {
                size_t close = s.find('}', i);
                if (close == std::string::npos) break;
                append_utf8(lit, static_cast<uint32_t>(std::stoul(s.substr(i + 2, close - i - 2), nullptr, 16)));
                i = close;
              } else {
                lit += e;
              }
              ++i;
              continue;
            }
            lit += s[i++];
          }
          ++i;  // the closing quote
          if (lit.find('{') != std::string::npos) continue;  // a message template
          lits.push_back(lit);
          continue;
        }
        if (digit(c) && (i == 0 || !ident_byte(static_cast<unsigned char>(s[i - 1])))) {
          size_t j = i;
          while (j < s.size() && digit(s[j])) ++j;
          if (j - i == 4 && j + 5 < s.size() + 0 && s[j] == '-' && digit(s[j + 1]) && digit(s[j + 2]) &&
              s[j + 3] == '-' && digit(s[j + 4]) && digit(s[j + 5])) {
            int64_t y = std::stoll(s.substr(i, 4));
            unsigned m = static_cast<unsigned>(std::stoul(s.substr(j + 1, 2)));
            unsigned d = static_cast<unsigned>(std::stoul(s.substr(j + 4, 2)));
            if (m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m))
              seeds.dates.push_back(static_cast<int32_t>(days_from_civil(y, m, d)));
            i = j + 6;
            continue;
          }
          if (j < s.size() && s[j] == '.' && j + 1 < s.size() && digit(s[j + 1])) {
            size_t k = j + 1;
            while (k < s.size() && digit(s[k])) ++k;
            add_unique(seeds.decimals, s.substr(i, k - i));
            i = k;
            continue;
          }
          if (j - i <= 15) {
            int64_t v = std::stoll(s.substr(i, j - i));
            for (int64_t d : {v - 1, v, v + 1})
              if (std::find(seeds.ints.begin(), seeds.ints.end(), d) == seeds.ints.end()) seeds.ints.push_back(d);
          }
          i = j;
          continue;
        }
        if (ident_byte(static_cast<unsigned char>(c))) {
          size_t j = i;
          while (j < s.size() && ident_byte(static_cast<unsigned char>(s[j])) && s[j] != '"') ++j;
          ids.push_back(s.substr(i, j - i));
          i = j;
          continue;
        }
        ++i;
      }
      if (i < s.size()) ++i;  // the newline
      bool like_line = std::find(ids.begin(), ids.end(), "like") != ids.end();
      for (const std::string& lit : lits) {
        add_unique(seeds.texts, lit);
        if (lit.find('%') != std::string::npos || (like_line && lit.find('_') != std::string::npos))
          add_unique(seeds.patterns, lit);
      }
      std::vector<std::string> near = lits;
      for (const std::string& id : ids) {
        auto t = table_cells.find(id);
        if (t != table_cells.end())
          for (const std::string& cell : t->second) near.push_back(cell);
      }
      if (near.empty()) continue;
      for (const std::string& id : ids)
        for (const std::string& n : near) add_unique(seeds.near[id], n);
    }
  }
  return seeds;
}

// ------------------------------------------------------------------ generation

namespace {

struct Gen {
  const lower::PackDescription& pack;
  const Seeds& seeds;
  Rng rng;
  std::vector<std::vector<std::string>> keys;  // per record, in row order (duplicates included)

  std::string int_value(bool key_like = false) {
    (void)key_like;
    switch (rng.below(20)) {
      case 0: case 1: return "0";
      case 2: case 3: case 4: case 5: case 6: case 7: return std::to_string(rng.range(-3, 40));
      case 8: case 9: case 10: case 11:
        if (!seeds.ints.empty()) return std::to_string(rng.pick(seeds.ints));
        return std::to_string(rng.range(1, 100));
      case 12: case 13: return std::to_string(rng.range(-1000000, 1000000));
      case 14: return "-" + std::to_string(rng.range(1, 60));
      case 15: {
        static const std::vector<std::string> extreme = {
            "9223372036854775807", "-9223372036854775808", "9223372036854775806", "-9223372036854775807",
            "4611686018427387904", "-4611686018427387904", "3037000500", "-3037000500", "3037000499",
            "9223372036854", "9223372036855", "-9223372036854", "-9223372036855", "9000000000000",
            "1000000000000000000", "2147483648", "-2147483649", "4294967296"};
        return rng.pick(extreme);
      }
      default: return std::to_string(rng.range(1, 12));
    }
  }

  std::string decimal_value(bool money) {
    switch (rng.below(20)) {
      case 0: case 1: case 2: case 3: {  // a price: 2 decimals
        int64_t cents = rng.range(0, money ? 200000 : 2000);
        return format_micros(static_cast<__int128>(cents) * 10000, !rng.chance(50));
      }
      case 4: case 5: {  // 6 decimals
        int64_t micros = rng.range(-5000000000, 5000000000);
        return format_micros(micros, false);
      }
      case 6: case 7: {  // .5 boundaries at the 2nd and 6th places
        static const std::vector<std::string> halves = {
            "0.005", "0.015", "1.125", "2.345", "-0.005", "-1.125", "0.000005", "-0.000005", "12.344999",
            "12.345", "12.355", "0.5", "1.5", "2.5", "-0.5", "-2.5", "0.125", "0.375", "0.000001", "-0.000001",
            "0.333333", "0.666667", "99.995", "-99.995", "0.004999", "0.0050", "10000.005"};
        return rng.pick(halves);
      }
      case 8: case 9: {
        static const std::vector<std::string> zeros = {"0", "0.00", "0.000000", "-0", "-0.0", "0."};
        std::string z = rng.pick(zeros);
        return z == "0." ? "0" : z;
      }
      case 10: case 11:
        return "-" + format_micros(static_cast<__int128>(rng.range(1, 100000)) * 10000, true);
      case 12: {  // near the decimal range (int64 micros)
        static const std::vector<std::string> large = {
            "9223372036854.775807", "-9223372036854.775808", "9223372036854.775806", "-9223372036854.775807",
            "9000000000000", "-9000000000000", "4611686018427.387904", "-4611686018427.387904",
            "3037000.499976", "3037000.5", "9223372036854", "922337203685.477580", "100000000000",
            "9999999999999.999999", "-9223372036854.775809"};
        return rng.pick(large);
      }
      case 13: case 14: {
        if (!seeds.decimals.empty() && rng.chance(60)) return rng.pick(seeds.decimals);
        if (!seeds.ints.empty()) return std::to_string(rng.pick(seeds.ints));
        return "1";
      }
      default: return std::to_string(rng.range(0, 500));
    }
  }

  int64_t base_date() {
    if (!seeds.dates.empty() && rng.chance(50)) return rng.pick(seeds.dates);
    return days_from_civil(2024, 1, 1) + rng.range(-400, 700);
  }

  std::string date_value() {
    switch (rng.below(20)) {
      case 0: case 1: case 2: case 3: {  // a month end, or the days around it
        int64_t y = rng.range(2022, 2026);
        unsigned m = static_cast<unsigned>(rng.range(1, 12));
        int64_t d = days_from_civil(y, m, month_days(y, m)) + rng.range(-3, 1);
        return format_date(d);
      }
      case 4: {
        static const std::vector<std::string> leaps = {"2024-02-29", "2020-02-29", "2000-02-29", "2023-02-28",
                                                       "2024-02-28", "2024-03-01", "2023-03-01", "1900-02-28",
                                                       "2100-02-28", "2028-02-29"};
        return rng.pick(leaps);
      }
      case 5: {
        static const std::vector<std::string> ends = {"0001-01-01", "0001-01-31", "9999-12-31", "9999-12-01",
                                                      "9999-01-31", "0001-02-28", "1970-01-01", "1969-12-31"};
        return rng.pick(ends);
      }
      case 6: case 7: case 8: case 9: case 10: case 11: return format_date(base_date() + rng.range(-3, 3));
      case 12: return format_date(base_date() + rng.range(-40, 40));
      case 13: {  // a birth date
        return format_date(days_from_civil(1930, 1, 1) + rng.range(0, 365 * 95));
      }
      default: return format_date(days_from_civil(2024, 1, 1) + rng.range(-366, 730));
    }
  }

  std::string text_value(const std::string& field) {
    auto near = seeds.near.find(field);
    unsigned r = static_cast<unsigned>(rng.below(100));
    if (near != seeds.near.end() && !near->second.empty() && r < 45) {
      std::string s = rng.pick(near->second);
      if (std::find(seeds.patterns.begin(), seeds.patterns.end(), s) != seeds.patterns.end() && rng.chance(70))
        return instantiate(rng, s);
      return s;
    }
    if (r < 65 && !seeds.texts.empty()) return rng.pick(seeds.texts);
    if (r < 75 && !seeds.patterns.empty()) return instantiate(rng, rng.pick(seeds.patterns));
    if (r < 85) return rng.pick(kSpecialTexts);
    if (r < 90) return idcard(rng);
    std::string s;
    unsigned n = static_cast<unsigned>(rng.below(6));
    for (unsigned k = 0; k < n; ++k)
      s += rng.chance(30) ? rng.pick(kChinese) : std::string(1, static_cast<char>('A' + rng.below(26)));
    return s;
  }

  std::string value(const lower::FieldDescription& f) {
    if (rng.permille(4) && f.type != AbiType::Text) {  // a malformed cell: the row is a reject
      static const std::vector<std::string> bad = {"abc", "1.2345678", "2024-02-30", "1e5", "--1", "yes"};
      return rng.pick(bad);
    }
    switch (f.type) {
      case AbiType::Bool: return rng.chance(50) ? "true" : "false";
      case AbiType::Int: return int_value();
      case AbiType::Decimal: return decimal_value(false);
      case AbiType::Money: return decimal_value(true);
      case AbiType::Text: return text_value(f.name);
      case AbiType::Date: return date_value();
      case AbiType::Severity: {
        static const std::vector<std::string> sev = {"info", "low", "medium", "high", "critical"};
        return rng.pick(sev);
      }
      case AbiType::Ref: break;
    }
    return "";
  }

  std::string dangling(uint32_t target) {
    const lower::RecordDescription& t = pack.records[target];
    if (t.fields[t.key_field].type == AbiType::Int) return std::to_string(900000000 + rng.below(1000));
    return rng.chance(50) ? "缺失" + std::to_string(rng.below(100)) : "NOPE";
  }

  std::string reference(const lower::FieldDescription& f) {
    uint32_t target = static_cast<uint32_t>(f.ref_record);
    if (f.optional && rng.chance(12)) return "";
    const std::vector<std::string>& ks = keys[target];
    if (ks.empty() || rng.permille(15)) return dangling(target);
    // Half of the time skewed towards the first rows, so that some parents get many children.
    double u = static_cast<double>(rng.below(1u << 20)) / (1u << 20);
    if (rng.chance(50)) u *= u;
    size_t idx = static_cast<size_t>(u * static_cast<double>(ks.size()));
    return ks[std::min(idx, ks.size() - 1)];
  }

  std::string key_value(const lower::RecordDescription& rec, size_t i) {
    const lower::FieldDescription& kf = rec.fields[rec.key_field];
    const std::vector<std::string>& prior = keys[&rec - pack.records.data()];
    if (!prior.empty() && rng.permille(15)) return rng.pick(prior);  // a duplicate key
    switch (kf.type) {
      case AbiType::Int: return std::to_string(static_cast<int64_t>(i) * 3 - 7);
      case AbiType::Text: break;
      default: return value(kf);
    }
    std::string prefix = rec.name.substr(0, 1);
    if ((static_cast<unsigned char>(prefix[0]) & 0x80) != 0) prefix = "R";
    switch (rng.below(40)) {
      case 0: return "键" + kChinese[i % kChinese.size()] + std::to_string(i);
      case 1: return prefix + "," + std::to_string(i);
      case 2: return prefix + "\"" + std::to_string(i) + "\"";
      case 3: return rng.chance(50) ? "" : prefix + "\n" + std::to_string(i);
      case 4: return idcard(rng);
      default: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%s%04zu", prefix.c_str(), i);
        return buf;
      }
    }
  }

  // Rows of record `r`: records that refer to others get more rows than
  // those they refer to, around a scale drawn once per data set; now and
  // then (with `edge_sizes`) a record is empty or has a single row.
  size_t row_count(size_t r, int64_t scale, bool edge_sizes) {
    if (edge_sizes && rng.chance(6)) return 0;
    if (edge_sizes && rng.chance(6)) return 1;
    int64_t refs = 0;
    for (const lower::FieldDescription& f : pack.records[r].fields) refs += f.type == AbiType::Ref;
    int64_t n = scale * (1 + refs) * rng.range(50, 150) / 100;
    return static_cast<size_t>(std::clamp<int64_t>(n, 0, 300));
  }
};

}  // namespace

std::map<std::string, std::string> generate(const lower::PackDescription& pack, const Seeds& seeds, uint64_t seed,
                                            bool edge_sizes) {
  Gen g{pack, seeds, Rng(seed), {}};
  g.keys.resize(pack.records.size());
  static const int64_t scales[] = {1, 3, 8, 20, 50, 100};
  const int64_t scale = edge_sizes ? scales[g.rng.below(6)] : scales[2 + g.rng.below(3)];
  for (size_t r = 0; r < pack.records.size(); ++r) {
    if (pack.records[r].group_source >= 0) continue;  // groups are formed, not read
    size_t n = g.row_count(r, scale, edge_sizes);
    for (size_t i = 0; i < n; ++i) g.keys[r].push_back(g.key_value(pack.records[r], i));
  }
  std::map<std::string, std::string> out;
  for (size_t r = 0; r < pack.records.size(); ++r) {
    const lower::RecordDescription& rec = pack.records[r];
    if (rec.group_source >= 0) continue;
    // Columns in declaration order, or reversed, with an extra column now and then.
    std::vector<size_t> order;
    for (size_t f = 0; f < rec.fields.size(); ++f) order.push_back(f);
    if (g.rng.chance(30)) std::reverse(order.begin(), order.end());
    bool extra = g.rng.chance(20);
    std::string text;
    for (size_t k = 0; k < order.size(); ++k) text += (k ? "," : "") + csv_cell(rec.fields[order[k]].column);
    if (extra) text += ",备注";
    text += "\n";
    for (size_t i = 0; i < g.keys[r].size(); ++i) {
      for (size_t k = 0; k < order.size(); ++k) {
        const lower::FieldDescription& f = rec.fields[order[k]];
        std::string cell;
        if (order[k] == rec.key_field) cell = g.keys[r][i];
        else if (f.type == AbiType::Ref) cell = g.reference(f);
        else if (f.optional && g.rng.chance(15)) cell = "";
        else if (!f.optional && f.type != AbiType::Text && g.rng.permille(3)) cell = "";  // missing value: a reject
        else cell = g.value(f);
        text += (k ? "," : "") + csv_cell(cell);
      }
      if (extra) text += "," + csv_cell(g.rng.chance(50) ? "备注,含逗号" : "");
      text += "\n";
    }
    out[rec.name] = text;
  }
  return out;
}

}  // namespace fides::difftest
