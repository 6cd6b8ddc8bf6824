#include "data/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace fides::data {
namespace {
constexpr size_t kBlock = 1 << 16;

std::string system_error(const std::string& what, const std::string& path) {
  return "cannot " + what + " " + path + ": " + std::strerror(errno);
}

// An unlinked temporary file: it disappears when closed, whatever happens.
int temporary_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string name = std::string(dir && *dir ? dir : "/tmp") + "/fides-input-XXXXXX";
  int fd = mkstemp(name.data());
  if (fd >= 0) unlink(name.c_str());
  return fd;
}

bool write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}
}  // namespace

InputFile::~InputFile() {
  if (fd_ >= 0) close(fd_);
}

void InputFile::open_text(const std::string& text) {
  text_ = &text;
  pos_ = 0;
}

bool InputFile::open(const std::string& path, std::string& error) {
  path_ = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = system_error("read", path);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    error = system_error("read", path);
    close(fd);
    return false;
  }
  if (S_ISREG(st.st_mode)) {
    fd_ = fd;
    return true;
  }
  if (S_ISDIR(st.st_mode) || (!S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode) && !isatty(fd))) {
    error = "cannot read " + path + ": " +
            (S_ISDIR(st.st_mode) ? "it is a folder" : "it is a device, not a file or a pipe");
    close(fd);
    return false;
  }
  int copy = temporary_file();
  if (copy < 0) {
    error = system_error("make a temporary copy of", path);
    close(fd);
    return false;
  }
  char buf[kBlock];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = system_error("read", path);
    } else if (n > 0 && !write_all(copy, buf, static_cast<size_t>(n))) {
      error = system_error("make a temporary copy of", path);
    } else if (n > 0) {
      continue;
    }
    break;
  }
  close(fd);
  if (!error.empty()) {
    close(copy);
    return false;
  }
  fd_ = copy;
  return true;
}

long InputFile::read(char* buf, size_t n, std::string& error) {
  long r = read_at(buf, n, pos_, error);
  if (r > 0) pos_ += static_cast<uint64_t>(r);
  return r;
}

long InputFile::read_at(char* buf, size_t n, uint64_t offset, std::string& error) const {
  if (text_) {
    size_t k = offset < text_->size() ? std::min(n, text_->size() - offset) : 0;
    std::memcpy(buf, text_->data() + offset, k);
    return static_cast<long>(k);
  }
  for (;;) {
    ssize_t r = pread(fd_, buf, n, static_cast<off_t>(offset));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      error = system_error("read", path_);
      return -1;
    }
    return r;
  }
}

std::string InputFile::read_at(uint64_t offset, size_t len) const {
  if (text_) return offset < text_->size() ? text_->substr(offset, len) : std::string();
  std::string out(len, '\0');
  size_t got = 0;
  while (got < len) {
    ssize_t r = pread(fd_, out.data() + got, len - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  out.resize(got);
  return out;
}

}  // namespace fides::data
