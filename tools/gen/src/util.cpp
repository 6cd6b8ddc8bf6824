#include "util.h"

namespace fides::gen {

void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) out.push_back(buf[--n]);
}

void append_int(std::string& out, int64_t v) {
  if (v < 0) {
    out.push_back('-');
    append_uint(out, static_cast<uint64_t>(-(v + 1)) + 1);
  } else {
    append_uint(out, static_cast<uint64_t>(v));
  }
}

void append_padded(std::string& out, uint64_t v, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n) out.push_back(buf[--n]);
}

std::string padded(uint64_t v, int width) {
  std::string s;
  append_padded(s, v, width);
  return s;
}

void append_date(std::string& out, int day) {
  char buf[FIDES_DATE_BUF];
  out.append(buf, fides_format_date(day, buf));
}

std::string date_text(int day) {
  std::string s;
  append_date(s, day);
  return s;
}

void append_date_compact(std::string& out, int day) {
  Civil c = civil_from_days(day);
  append_padded(out, static_cast<uint64_t>(c.y), 4);
  append_padded(out, c.m, 2);
  append_padded(out, c.d, 2);
}

void append_money(std::string& out, int64_t cents) {
  if (cents < 0) {
    out.push_back('-');
    cents = -cents;
  }
  append_uint(out, static_cast<uint64_t>(cents / 100));
  out.push_back('.');
  append_padded(out, static_cast<uint64_t>(cents % 100), 2);
}

std::string money_text(int64_t cents) {
  std::string s;
  append_money(s, cents);
  return s;
}

bool parse_int(std::string_view s, int64_t& v) {
  s = trim(s);
  if (s.empty()) return false;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '-') neg = true, i = 1;
  if (i == s.size()) return false;
  int64_t r = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    r = r * 10 + (s[i] - '0');
    if (r > 1'000'000'000'000'000LL) return false;
  }
  v = neg ? -r : r;
  return true;
}

bool parse_money(std::string_view s, int64_t& cents) {
  s = trim(s);
  if (s.empty()) return false;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '-') neg = true, i = 1;
  int64_t whole = 0;
  size_t digits = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > 1'000'000'000'000LL) return false;
  }
  if (digits == 0) return false;
  int64_t frac6 = 0;
  if (i < s.size()) {
    if (s[i] != '.') return false;
    ++i;
    size_t fd = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++fd) {
      if (fd >= 6) return false;
      frac6 = frac6 * 10 + (s[i] - '0');
    }
    if (fd == 0 || i != s.size()) return false;
    for (; fd < 6; ++fd) frac6 *= 10;
  }
  int64_t c = whole * 100 + (frac6 + 5000) / 10000;
  cents = neg ? -c : c;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

std::vector<std::string> split_ws(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ',' || s[i] == ';')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != ',' && s[j] != ';') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace fides::gen
