#include "trust/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fides::trust {

bool read_whole_file(const std::string& path, size_t limit, std::string& out, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || size_t(st.st_size) > limit) {
    error = "cannot read " + path + ": not a regular file of at most " + std::to_string(limit) + " bytes";
    ::close(fd);
    return false;
  }
  out.assign(size_t(st.st_size), '\0');
  size_t got = 0;
  while (got < out.size()) {
    ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += size_t(n);
  }
  ::close(fd);
  if (got != out.size()) {
    error = "cannot read " + path + ": it changed while being read";
    return false;
  }
  return true;
}

bool write_file_atomically(const std::string& path, const std::string& text, mode_t mode, bool exclusive,
                           std::string& error) {
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) {
    error = "cannot create " + path + ": " + std::strerror(errno);
    return false;
  }
  size_t put = 0;
  while (put < text.size()) {
    ssize_t n = ::write(fd, text.data() + put, text.size() - put);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    put += size_t(n);
  }
  bool ok = put == text.size() && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  int saved = errno;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    error = "cannot write " + path + ": " + std::strerror(saved);
    ::unlink(temp.c_str());
    return false;
  }
  // link() never replaces an existing file; rename() does, atomically.
  bool placed = exclusive ? ::link(temp.c_str(), path.c_str()) == 0 : ::rename(temp.c_str(), path.c_str()) == 0;
  if (!placed)
    error = errno == EEXIST ? path + " already exists; not overwriting it"
                            : "cannot write " + path + ": " + std::strerror(errno);
  ::unlink(temp.c_str());
  return placed;
}

}  // namespace fides::trust
