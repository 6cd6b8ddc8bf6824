#include "syntax/literals.h"

#include "builtins/fides_builtins.h"
#include "diag/phrase.h"

#include <cctype>

namespace fides::syntax {

size_t find_invalid_utf8(std::string_view text) {
  size_t i = 0, n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    char32_t cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return i;
    if (n - i < len) return i;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

char32_t next_code_point(std::string_view text, size_t& i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > text.size()) len = text.size() - i;  // defensive: never read past the end
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += len == 0 ? 1 : len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
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

std::optional<int64_t> parse_int_literal(std::string_view digits, bool negative) {
  if (digits.empty()) return std::nullopt;
  // Accumulated as a negative number: the negative range is one larger, so
  // -9223372036854775808 (INT64_MIN) can be written.
  int64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    int d = c - '0';
    if (v < (INT64_MIN + d) / 10) return std::nullopt;
    v = v * 10 - d;
  }
  if (negative) return v;
  if (v == INT64_MIN) return std::nullopt;
  return -v;
}

DecimalResult parse_decimal_literal(std::string_view text) {
  DecimalResult r;
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (frac.size() > 6) {
    r.error = DecimalResult::Error::too_precise;
    return r;
  }
  auto w = parse_int_literal(whole);
  constexpr int64_t kScale = 1'000'000;
  if (!w || *w > INT64_MAX / kScale) {
    r.error = DecimalResult::Error::out_of_range;
    return r;
  }
  int64_t f = 0;
  for (size_t i = 0; i < 6; ++i) f = f * 10 + (i < frac.size() ? frac[i] - '0' : 0);
  if (*w * kScale > INT64_MAX - f) {
    r.error = DecimalResult::Error::out_of_range;
    return r;
  }
  r.scaled = *w * kScale + f;
  return r;
}

std::optional<int64_t> parse_date_literal(std::string_view text, Localized& error) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    error = say(Phrase::date_format);
    return std::nullopt;
  }
  auto num = [&](size_t at, size_t len) {
    unsigned v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + static_cast<unsigned>(text[i] - '0');
    return v;
  };
  unsigned y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y == 0) {
    error = say(Phrase::date_year_zero);
    return std::nullopt;
  }
  if (m < 1 || m > 12) {
    error = say(Phrase::date_no_month, m);
    return std::nullopt;
  }
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  unsigned max_day = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d < 1 || d > max_day) {
    error = d < 1 ? say(Phrase::date_day_zero) : say(Phrase::date_month_days, text.substr(0, 7), max_day);
    return std::nullopt;
  }
  int32_t days = 0;
  fides_date_from_ymd(y, m, d, &days);  // cannot fail: the date was checked above
  return days;
}

std::vector<DecodedChar> decode_string_literal(std::string_view raw, uint32_t base,
                                               std::vector<StringEscapeError>& errors) {
  std::vector<DecodedChar> out;
  // Skip the opening quote; stop before the closing one (if the token has it).
  size_t i = raw.empty() ? 0 : 1;
  size_t end = raw.size();
  if (end >= 2 && raw.back() == '"') {
    // The closing quote is the last byte unless it is escaped; the lexer only
    // produces STRING tokens whose last quote closes the literal.
    --end;
  }
  bool nested = false;  // inside a plainly quoted string of a message template
  while (i < end) {
    uint32_t at = base + static_cast<uint32_t>(i);
    if (raw[i] == '"') nested = !nested;
    // A nested string is kept as written (escapes included): the template's
    // expression decodes it when it is parsed as source.
    if (nested && raw[i] == '\\' && i + 1 < end) {
      out.push_back({'\\', at, at + 1, false});
      ++i;
      char32_t cp = next_code_point(raw, i);
      out.push_back({cp, at + 1, base + static_cast<uint32_t>(i), false});
      continue;
    }
    if (raw[i] != '\\' || nested) {
      char32_t cp = next_code_point(raw, i);
      out.push_back({cp, at, base + static_cast<uint32_t>(i), false});
      continue;
    }
    if (i + 1 >= end) {  // a lone backslash at the end (only in unterminated strings)
      errors.push_back({at, at + 1, "\\"});
      ++i;
      continue;
    }
    char e = raw[i + 1];
    char32_t cp = 0;
    size_t len = 2;
    bool ok = true;
    switch (e) {
      case '"': cp = '"'; break;
      case '\\': cp = '\\'; break;
      case 'n': cp = '\n'; break;
      case 't': cp = '\t'; break;
      case 'u': {
        // \u{1 to 6 hex digits}, a Unicode scalar value
        size_t j = i + 2;
        ok = j < end && raw[j] == '{';
        if (ok) {
          ++j;
          size_t digits = 0;
          uint32_t v = 0;
          while (j < end && digits < 7 && isxdigit(static_cast<unsigned char>(raw[j]))) {
            char h = raw[j];
            v = v * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            ++j, ++digits;
          }
          ok = digits >= 1 && digits <= 6 && j < end && raw[j] == '}' && v <= 0x10FFFF &&
               !(v >= 0xD800 && v <= 0xDFFF);
          if (j < end && raw[j] == '}') ++j;
          cp = v;
        }
        len = j - i;
        break;
      }
      default: ok = false;
    }
    if (!ok) {
      // Report the escape as written (one code point after the backslash at least).
      size_t stop = i + 1;
      if (e != 'u') next_code_point(raw, stop);
      else stop = i + len;
      errors.push_back({at, base + static_cast<uint32_t>(stop), std::string(raw.substr(i, stop - i))});
      i = stop;
      continue;
    }
    out.push_back({cp, at, base + static_cast<uint32_t>(i + len), true});
    i += len;
  }
  return out;
}

}  // namespace fides::syntax
