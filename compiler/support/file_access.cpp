#include "support/file_access.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace fides {
namespace fs = std::filesystem;

namespace {

// Resolves `..` and every symlink; empty on failure.
fs::path resolve(const fs::path& p, std::error_code& ec) {
  fs::path absolute = fs::absolute(p, ec);
  if (ec) return {};
  fs::path resolved = fs::canonical(absolute, ec);
  return ec ? fs::path() : resolved;
}

FileKind kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return FileKind::directory;
  if (S_ISFIFO(mode)) return FileKind::fifo;
  if (S_ISCHR(mode)) return FileKind::character_device;
  if (S_ISBLK(mode)) return FileKind::block_device;
  if (S_ISSOCK(mode)) return FileKind::socket;
  return FileKind::other;
}

bool inside(const fs::path& file, const fs::path& root) {
  auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return r == root.end() && f != file.end();
}

}  // namespace

FileAccess::FileAccess(const std::string& main_path, const std::string& stdlib_dir,
                       const std::vector<std::string>& allowed_dirs) {
  std::error_code ec;
  fs::path main = resolve(main_path, ec);
  if (!ec) {
    roots_.push_back(main.parent_path());
  } else {  // a main file given as text only (tests, the language server): its folder
    fs::path dir = fs::path(main_path).parent_path();
    fs::path root = resolve(dir.empty() ? fs::path(".") : dir, ec);
    if (!ec) roots_.push_back(root);
  }
  std::vector<std::string> dirs = allowed_dirs;
  if (!stdlib_dir.empty()) dirs.push_back(stdlib_dir);
  for (const std::string& d : dirs) {
    fs::path root = resolve(d, ec);
    if (!ec) roots_.push_back(root);
  }
}

bool FileAccess::allows(const fs::path& resolved) const {
  return std::any_of(roots_.begin(), roots_.end(), [&](const fs::path& r) { return inside(resolved, r); });
}

CheckedFile check_file(const fs::path& path, const FileAccess* access, uintmax_t max_bytes) {
  CheckedFile out;
  std::error_code ec;
  out.resolved = resolve(path, ec);
  if (ec) {
    if (ec == std::errc::too_many_symbolic_link_levels) out.problem = FileProblem::symlink_loop;
    else if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory)
      out.problem = FileProblem::missing;
    else out.problem = FileProblem::unreadable, out.detail = ec.message();
    return out;
  }
  // stat, never open: opening a FIFO waits for a writer.
  struct stat st;
  if (::stat(out.resolved.c_str(), &st) != 0) {
    out.problem = FileProblem::unreadable;
    out.detail = std::strerror(errno);
    return out;
  }
  if (!S_ISREG(st.st_mode)) {
    out.problem = FileProblem::not_regular;
    out.kind = kind_of(st.st_mode);
    return out;
  }
  if (access != nullptr && !access->allows(out.resolved)) {
    out.problem = FileProblem::outside;
    return out;
  }
  out.size = static_cast<uintmax_t>(st.st_size);
  if (out.size > max_bytes) out.problem = FileProblem::too_large;
  return out;
}

bool read_checked_file(CheckedFile& file, uintmax_t max_bytes, std::string& text) {
  auto fail = [&](FileProblem p, std::string detail) {
    file.problem = p;
    file.detail = std::move(detail);
    return false;
  };
  // The resolved path has no symlinks; O_NOFOLLOW keeps one put there since
  // from redirecting the read.
  int fd = ::open(file.resolved.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
  if (fd < 0) return fail(FileProblem::unreadable, std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return fail(FileProblem::unreadable, std::strerror(errno));
  if (!S_ISREG(st.st_mode)) {
    file.kind = kind_of(st.st_mode);
    return fail(FileProblem::not_regular, "");
  }
  file.size = static_cast<uintmax_t>(st.st_size);
  if (file.size > max_bytes) return fail(FileProblem::too_large, "");
  // Read at most one byte past the limit: a file that grew is still caught.
  text.assign(static_cast<size_t>(file.size), '\0');
  size_t got = 0;
  for (;;) {
    if (got == text.size()) {
      if (text.size() > max_bytes) break;
      text.resize(std::min<uintmax_t>(text.size() + 4096, max_bytes + 1));
    }
    ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(FileProblem::unreadable, std::strerror(errno));
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  text.resize(got);
  if (got > max_bytes) {
    file.size = got;
    return fail(FileProblem::too_large, "");
  }
  return true;
}

}  // namespace fides
