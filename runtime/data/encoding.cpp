#include "data/encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>

#include "data/input_file.h"
#include "data/utf8.h"

namespace fides::data {

bool parse_encoding(std::string_view name, Encoding& out) {
  std::string lower;
  for (char c : name) lower += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "utf-8" || lower == "utf8") {
    out = Encoding::Utf8;
    return true;
  }
  if (lower == "auto") {
    out = Encoding::Auto;
    return true;
  }
  if (lower == "gbk" || lower == "cp936") {
    out = Encoding::Gbk;
    return true;
  }
  return false;
}

const char* encoding_name(Encoding e) {
  switch (e) {
    case Encoding::Auto: return "auto";
    case Encoding::Gbk: return "gbk";
    case Encoding::Utf8: break;
  }
  return "utf-8";
}

bool read_file(const std::string& path, std::string& bytes, std::string& error) {
  // Through InputFile, so that a device is refused and a pipe read as a stream.
  InputFile in;
  if (!in.open(path, error)) return false;
  bytes.clear();
  char buf[1 << 16];
  for (long n; (n = in.read(buf, sizeof buf, error)) != 0;) {
    if (n < 0) return false;
    if (bytes.size() + static_cast<size_t>(n) > kMaxWholeFile) {
      error = "cannot read " + path + ": it is over " + std::to_string(kMaxWholeFile >> 20) + " MiB";
      return false;
    }
    bytes.append(buf, static_cast<size_t>(n));
  }
  return true;
}

GbkDecoder::GbkDecoder() : cd_(iconv_open("UTF-8", "GBK")) {}

GbkDecoder::~GbkDecoder() {
  if (ok()) iconv_close(static_cast<iconv_t>(cd_));
}

bool GbkDecoder::decode(std::string_view in, std::string& out, std::string& error, bool* clean) {
  if (!ok()) {
    error = "cannot convert from GBK: iconv does not know GBK";
    return false;
  }
  iconv_t cd = static_cast<iconv_t>(cd_);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char buf[1 << 16];
  while (src_left > 0) {
    char* dst = buf;
    size_t dst_left = sizeof buf;
    size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    out.append(buf, dst - buf);
    if (r != (size_t)-1) continue;
    if (errno == E2BIG) continue;
    // EILSEQ or EINVAL (truncated at the end): pass the byte through and resync.
    if (clean) *clean = false;
    out += *src;
    ++src;
    --src_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
  }
  return true;
}

bool gbk_to_utf8(std::string_view in, std::string& out, std::string& error, bool* clean) {
  GbkDecoder decoder;
  out.clear();
  out.reserve(in.size() + in.size() / 2);
  if (clean) *clean = true;
  return decoder.decode(in, out, error, clean);
}

bool decode_input(std::string bytes, Encoding requested, std::string& text, Encoding& used, std::string& error) {
  if (requested == Encoding::Utf8 || (requested == Encoding::Auto && utf8_valid(bytes))) {
    used = Encoding::Utf8;
    text = std::move(bytes);
    return true;
  }
  bool clean = false;
  if (!gbk_to_utf8(bytes, text, error, &clean)) return false;
  used = Encoding::Gbk;
  if (requested == Encoding::Auto && !clean) {
    used = Encoding::Utf8;
    text = std::move(bytes);
  }
  return true;
}

}  // namespace fides::data
