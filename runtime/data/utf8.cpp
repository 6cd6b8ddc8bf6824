#include "data/utf8.h"

#include <cstring>

namespace fides::data {
namespace {
// Length of the well-formed sequence at p (n bytes left), or 0 when none starts there.
size_t unit(const unsigned char* p, size_t n) {
  unsigned c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  auto cont = [&](size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
  if (c < 0xE0) return cont(1) ? 2 : 0;
  if (c < 0xF0) {
    if (n < 2) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;
    if (c == 0xED && p[1] > 0x9F) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c < 0xF5) {
    if (n < 2) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;
    if (c == 0xF4 && p[1] > 0x8F) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}
}  // namespace

size_t utf8_invalid_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0, n = s.size();
  while (i < n) {
    // ASCII runs, the bulk of any CSV, eight bytes at a time.
    uint64_t word;
    while (i + 8 <= n && (std::memcpy(&word, p + i, 8), (word & 0x8080808080808080ull) == 0)) i += 8;
    if (i == n) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    size_t u = unit(p + i, n - i);
    if (u == 0) return i;
    i += u;
  }
  return std::string_view::npos;
}

uint32_t utf8_code_points(std::string_view s, size_t byte_offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t end = std::min(byte_offset, s.size());
  uint32_t count = 0;
  for (size_t i = 0; i < end;) {
    size_t u = unit(p + i, s.size() - i);
    i += u == 0 ? 1 : u;
    ++count;
  }
  return count;
}

std::string utf8_repair(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t u = unit(p + i, s.size() - i);
    if (u == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.data() + i, u);
      i += u;
    }
  }
  return out;
}

}  // namespace fides::data
