#include "host/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fides::host {
namespace {
constexpr size_t kBuffer = 1 << 20;
}

OutputFile::~OutputFile() { discard(); }

void OutputFile::discard() {
  if (f_) std::fclose(f_);
  f_ = nullptr;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

void OutputFile::fail(const char* what) {
  if (error_.empty()) error_ = std::string("cannot ") + what + " " + path_ + ": " + std::strerror(errno);
}

bool OutputFile::start(const std::string& path, OutputEncoding encoding) {
  path_ = path;
  error_.clear();
  buf_.clear();
  gbk_.reset();
  if (encoding == OutputEncoding::Utf8Bom) buf_ = "\xEF\xBB\xBF";
  if (encoding != OutputEncoding::Gbk) return true;
  gbk_ = std::make_unique<GbkEncoder>();
  if (!gbk_->available()) error_ = "cannot write " + path_ + " as GBK: iconv has no GBK converter";
  return gbk_->available();
}

bool OutputFile::open(const std::string& path, OutputEncoding encoding) {
  check_only_ = false;
  if (!start(path, encoding)) return false;
  // The rename would replace whatever has the name: only ever a regular file
  // (or a symlink, itself replaced, never its target).
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
    error_ = "cannot write " + path_ + ": it exists and is not a regular file";
    return false;
  }
  // A name no other file has (O_EXCL), created with 0666 less the umask like
  // any file the user creates (mkstemp would make it 0600).
  static std::atomic<unsigned> serial{0};
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    temp_ = path + ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
    fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0 || !(f_ = ::fdopen(fd, "wb"))) {
    fail("create");
    if (fd >= 0) ::close(fd);
    if (fd < 0) temp_.clear();  // nothing was created
    discard();
    return false;
  }
  return true;
}

void OutputFile::open_check(const std::string& path, OutputEncoding encoding) {
  check_only_ = true;
  start(path, encoding);
}

void OutputFile::write(std::string_view s) {
  if (check_only_) return;
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

bool OutputFile::append_cell(std::string& line, std::string_view cell) {
  if (!gbk_ || std::all_of(cell.begin(), cell.end(), [](char c) { return (c & 0x80) == 0; })) {
    append_csv_cell(line, cell);
    return true;
  }
  // A GBK byte is never a comma, quote, CR or LF, so quoting the converted cell is safe.
  std::string converted;
  uint32_t bad = 0;
  if (!gbk_->encode(cell, converted, bad)) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", bad);
    error_ = path_ + ": the value \"" + std::string(cell) + "\" has a character GBK cannot encode (" + code +
             "); write the outputs with --output-encoding utf-8 or utf-8-bom";
    return false;
  }
  append_csv_cell(line, converted);
  return true;
}

void OutputFile::csv_row(std::initializer_list<std::string_view> cells) { csv_row(cells.begin(), cells.size()); }

void OutputFile::csv_row(const std::string_view* cells, size_t n) {
  if (!error_.empty()) return;  // the file has failed already; close() reports it
  std::string line;
  for (size_t i = 0; i < n; ++i) {
    if (i) line += ',';
    if (!append_cell(line, cells[i])) return;
  }
  line += '\n';
  write(line);
}

std::string OutputFile::representable(std::string_view s) {
  return gbk_ ? gbk_->escape_unencodable(s) : std::string(s);
}

bool OutputFile::close() {
  if (check_only_) return error_.empty();
  if (!f_) {
    if (error_.empty()) error_ = "cannot write " + path_ + ": not open";
    return false;
  }
  if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) fail("write");
  buf_.clear();
  if (std::fflush(f_) != 0 || std::ferror(f_)) fail("write");
  // A full disk may only show here, when the file system allocates the blocks.
  if (::fsync(::fileno(f_)) != 0) fail("write");
  int closed = std::fclose(f_);
  f_ = nullptr;
  if (closed != 0) fail("close");
  if (error_.empty() && ::rename(temp_.c_str(), path_.c_str()) != 0) fail("rename into place");
  if (!error_.empty()) {
    discard();
    return false;
  }
  temp_.clear();
  sync_folder();
  return true;
}

// Makes the rename durable: a crash after close() keeps the complete file.
// Best effort: some file systems cannot sync a folder, and the file itself is synced.
void OutputFile::sync_folder() const {
  std::string dir = path_.substr(0, path_.rfind('/') == std::string::npos ? 0 : path_.rfind('/') + 1);
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

bool write_text_file(const std::string& path, std::string_view text, std::string& error) {
  OutputFile f;
  if (f.open(path)) f.write(text);
  if (f.close()) return true;
  error = f.error();
  return false;
}

}  // namespace fides::host
