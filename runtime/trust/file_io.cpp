#include "trust/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fides::trust {
namespace {
// Moves n bytes with call (::read or ::write), resuming after signals and
// short transfers; false on an error or an early end of file.
template <typename Ptr, typename Call>
bool transfer_all(int fd, Ptr p, size_t n, Call call) {
  for (size_t done = 0; done < n;) {
    ssize_t k = call(fd, p + done, n - done);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    done += size_t(k);
  }
  return true;
}
}  // namespace

bool write_all(int fd, std::string_view bytes) { return transfer_all(fd, bytes.data(), bytes.size(), ::write); }

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
  errno = 0;  // an early end of file leaves it 0
  bool whole = transfer_all(fd, out.data(), out.size(), ::read);
  int saved = errno;
  ::close(fd);
  if (!whole) error = "cannot read " + path + ": " + (saved ? std::strerror(saved) : "it shrank while being read");
  return whole;
}

bool write_file_atomically(const std::string& path, const std::string& text, mode_t mode, bool exclusive,
                           std::string& error) {
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) {
    error = "cannot create " + path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = write_all(fd, text) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
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
