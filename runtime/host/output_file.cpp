#include "host/output_file.h"

#include <cerrno>
#include <cstring>

namespace fides::host {
namespace {
constexpr size_t kBuffer = 1 << 20;
}

OutputFile::~OutputFile() {
  if (f_) std::fclose(f_);
}

void OutputFile::fail(const char* what) {
  if (error_.empty()) error_ = std::string("cannot ") + what + " " + path_ + ": " + std::strerror(errno);
}

bool OutputFile::open(const std::string& path) {
  path_ = path;
  error_.clear();
  buf_.clear();
  f_ = std::fopen(path.c_str(), "wb");
  if (!f_) fail("create");
  return f_ != nullptr;
}

void OutputFile::write(std::string_view s) {
  buf_.append(s);
  if (buf_.size() < kBuffer || !f_) return;
  if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) fail("write");
  buf_.clear();
}

void append_csv_cell(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void OutputFile::csv_row(std::initializer_list<std::string_view> cells) {
  std::string line;
  bool first = true;
  for (std::string_view c : cells) {
    if (!first) line += ',';
    first = false;
    append_csv_cell(line, c);
  }
  line += '\n';
  write(line);
}

bool OutputFile::close() {
  if (!f_) {
    if (error_.empty()) error_ = "cannot write " + path_ + ": not open";
    return false;
  }
  if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) fail("write");
  buf_.clear();
  if (std::fflush(f_) != 0) fail("write");
  if (std::ferror(f_)) fail("write");
  if (std::fclose(f_) != 0) fail("close");
  f_ = nullptr;
  return error_.empty();
}

}  // namespace fides::host
