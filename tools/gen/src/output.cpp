#include "output.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace fides::gen {

namespace {

constexpr size_t kFlushAt = 1 << 20;

std::string convert(iconv_t cd, std::string_view s, const char* what) {
  std::string out;
  out.resize(s.size() * 2 + 16);
  char* in = const_cast<char*>(s.data());
  size_t in_left = s.size();
  char* o = out.data();
  size_t o_left = out.size();
  while (in_left > 0) {
    size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        size_t used = static_cast<size_t>(o - out.data());
        out.resize(out.size() * 2);
        o = out.data() + used;
        o_left = out.size() - used;
        continue;
      }
      throw std::runtime_error(std::string("cannot convert text to ") + what + ": " + std::strerror(errno));
    }
  }
  out.resize(static_cast<size_t>(o - out.data()));
  return out;
}

}  // namespace

std::string utf8_to_gbk(std::string_view s) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv: GBK is not available");
  try {
    std::string r = convert(cd, s, "GBK");
    iconv_close(cd);
    return r;
  } catch (...) {
    iconv_close(cd);
    throw;
  }
}

std::string gbk_to_utf8(std::string_view s) {
  iconv_t cd = iconv_open("UTF-8", "GBK");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv: GBK is not available");
  try {
    std::string r = convert(cd, s, "UTF-8");
    iconv_close(cd);
    return r;
  } catch (...) {
    iconv_close(cd);
    throw;
  }
}

CsvOut::~CsvOut() {
  try {
    close();
  } catch (...) {
  }
}

void CsvOut::open(const std::string& path, Encoding enc) {
  close();
  path_ = path;
  enc_ = enc;
  f_ = std::fopen(path.c_str(), "wb");
  if (!f_) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  if (enc == Encoding::Gbk) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv: GBK is not available");
    cd_ = cd;
  }
  buf_.reserve(kFlushAt + 4096);
  in_row_ = false;
  rows_ = 0;
}

CsvOut& CsvOut::cell(std::string_view s) {
  start_cell();
  bool quote = false;
  for (char c : s)
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  if (!quote) {
    buf_.append(s);
    return *this;
  }
  buf_.push_back('"');
  for (char c : s) {
    if (c == '"') buf_.push_back('"');
    buf_.push_back(c);
  }
  buf_.push_back('"');
  return *this;
}

void CsvOut::end_row() {
  buf_.push_back('\n');
  in_row_ = false;
  ++rows_;
  if (buf_.size() >= kFlushAt) flush();
}

void CsvOut::flush() {
  if (!f_ || buf_.empty()) return;
  const std::string* data = &buf_;
  if (cd_) {
    conv_ = convert(static_cast<iconv_t>(cd_), buf_, "GBK");
    data = &conv_;
  }
  if (std::fwrite(data->data(), 1, data->size(), f_) != data->size())
    throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
  buf_.clear();
}

void CsvOut::close() {
  if (!f_) return;
  flush();
  std::FILE* f = f_;
  f_ = nullptr;
  if (cd_) {
    iconv_close(static_cast<iconv_t>(cd_));
    cd_ = nullptr;
  }
  if (std::fclose(f) != 0) throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
}

}  // namespace fides::gen
