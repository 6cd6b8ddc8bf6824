#include "diag/display_width.h"

#include <fmt/format.h>

namespace fides {
namespace {

// Returns the code point at s[i] and advances i; invalid sequences yield U+FFFD,
// one byte (and set *invalid when given).
char32_t next_code_point(std::string_view s, size_t& i, bool* invalid = nullptr) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (invalid) *invalid = true;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (invalid) *invalid = false;
  i += len;
  return cp;
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

std::u32string decode_utf8_lossy(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out += next_code_point(s, i);
  return out;
}

size_t display_width(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c = next_code_point(s, i);
    width += c == U'\t' ? 4 : is_wide(c) ? 2 : 1;
  }
  return width;
}

std::string printable_source(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    bool invalid = false;
    char32_t c = next_code_point(s, i, &invalid);
    if (invalid) out += fmt::format("\\x{{{:x}}}", static_cast<unsigned char>(s[start]));
    else if (c == U'\t') out += "    ";
    else if (c < 0x20 || (c >= 0x7F && c < 0xA0)) out += fmt::format("\\u{{{:X}}}", static_cast<uint32_t>(c));
    else out.append(s.substr(start, i - start));
  }
  return out;
}

uint32_t byte_offset_of_column(std::string_view line, uint32_t column) {
  size_t i = 0;
  for (uint32_t col = 1; col < column && i < line.size(); ++col) next_code_point(line, i);
  return static_cast<uint32_t>(i);
}

}  // namespace fides
