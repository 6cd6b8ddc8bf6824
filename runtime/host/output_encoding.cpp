#include "host/output_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstdio>

namespace fides::host {
namespace {
iconv_t as_cd(void* p) { return static_cast<iconv_t>(p); }

// The code point starting s (which is well-formed UTF-8), and its length.
uint32_t decode_one(std::string_view s, size_t& len) {
  auto b = [&](size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  unsigned c = b(0);
  if (c < 0x80) return len = 1, c;
  if (c < 0xE0) return len = 2, ((c & 0x1F) << 6) | (b(1) & 0x3F);
  if (c < 0xF0) return len = 3, ((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return len = 4, ((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}
}  // namespace

bool parse_output_encoding(std::string_view name, OutputEncoding& out) {
  std::string n = lower(name);
  if (n == "utf-8" || n == "utf8") out = OutputEncoding::Utf8;
  else if (n == "utf-8-bom" || n == "utf8-bom") out = OutputEncoding::Utf8Bom;
  else if (n == "gbk" || n == "cp936") out = OutputEncoding::Gbk;
  else return false;
  return true;
}

const char* output_encoding_name(OutputEncoding e) {
  switch (e) {
    case OutputEncoding::Utf8: return "utf-8";
    case OutputEncoding::Utf8Bom: return "utf-8-bom";
    case OutputEncoding::Gbk: return "gbk";
  }
  return "utf-8";
}

GbkEncoder::GbkEncoder() : cd_(iconv_open("GBK", "UTF-8")) {}

GbkEncoder::~GbkEncoder() {
  if (available()) iconv_close(as_cd(cd_));
}

bool GbkEncoder::available() const { return as_cd(cd_) != (iconv_t)-1; }

bool GbkEncoder::convert(std::string_view utf8, size_t& pos, std::string& out) {
  iconv(as_cd(cd_), nullptr, nullptr, nullptr, nullptr);
  char* src = const_cast<char*>(utf8.data()) + pos;
  size_t src_left = utf8.size() - pos;
  char buf[4096];
  bool ok = true;
  while (src_left > 0) {
    char* dst = buf;
    size_t dst_left = sizeof buf;
    size_t r = iconv(as_cd(cd_), &src, &src_left, &dst, &dst_left);
    out.append(buf, dst - buf);
    if (r == (size_t)-1 && errno != E2BIG) {
      ok = false;
      break;
    }
  }
  pos = utf8.size() - src_left;
  return ok;
}

bool GbkEncoder::encode(std::string_view utf8, std::string& out, uint32_t& bad) {
  size_t pos = 0;
  if (!available()) {
    bad = 0;
    return false;
  }
  if (convert(utf8, pos, out)) return true;
  size_t len = 0;
  bad = decode_one(utf8.substr(pos), len);
  return false;
}

std::string GbkEncoder::escape_unencodable(std::string_view utf8) {
  std::string out, scratch;
  size_t pos = 0, done = 0;
  while (available() && pos < utf8.size()) {
    scratch.clear();
    bool ok = convert(utf8, pos, scratch);
    out.append(utf8.substr(done, pos - done));
    if (ok) break;
    size_t len = 0;
    char buf[24];
    std::snprintf(buf, sizeof buf, "\\u{%X}", decode_one(utf8.substr(pos), len));
    out += buf;
    pos += len;
    done = pos;
  }
  return available() ? out : std::string(utf8);
}

}  // namespace fides::host
