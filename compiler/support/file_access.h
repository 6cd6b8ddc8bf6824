// Which files a pack may read, and reading them without surprises (spec
// 9.11): only regular files, no symlink loops, nothing outside the pack's
// folder, the standard library or a folder the user allowed, nothing larger
// than a limit. A file is checked with stat before it is opened, and opened
// without blocking, so a FIFO or a device never hangs the compiler.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace fides {

inline constexpr uintmax_t kMaxSourceBytes = uintmax_t{16} << 20;  // a .fides file
inline constexpr uintmax_t kMaxTableBytes = uintmax_t{256} << 20;  // a `from` table file

// The folders a pack may read from: the main file's folder, the standard
// library root and every `--allow-path` folder, all resolved (`..` and
// symlinks). Folders that do not exist are left out.
class FileAccess {
 public:
  FileAccess() = default;
  FileAccess(const std::string& main_path, const std::string& stdlib_dir,
             const std::vector<std::string>& allowed_dirs);

  // Whether a resolved path lies inside one of the folders.
  bool allows(const std::filesystem::path& resolved) const;

 private:
  std::vector<std::filesystem::path> roots_;
};

enum class FileProblem : uint8_t {
  none,
  missing,       // nothing at the path (or a dangling symlink)
  symlink_loop,  // resolving it loops through symlinks
  not_regular,   // a folder, FIFO, device or socket; `kind` says which
  outside,       // outside every folder of the FileAccess
  too_large,     // larger than the limit; `size` says how large
  unreadable,    // any other failure; `detail` says why
};

// What a path that is not a regular file is.
enum class FileKind : uint8_t { directory, fifo, character_device, block_device, socket, other };

struct CheckedFile {
  FileProblem problem = FileProblem::none;
  std::filesystem::path resolved;  // the path with `..` and symlinks resolved (when it resolves)
  uintmax_t size = 0;
  FileKind kind = FileKind::other;  // for not_regular
  std::string detail;               // for unreadable: the system's reason
};

// Resolves and checks `path` without opening it. With `access` null, any
// folder is allowed (the main file names the pack's folder itself).
CheckedFile check_file(const std::filesystem::path& path, const FileAccess* access, uintmax_t max_bytes);

// Reads a file that check_file accepted, checking it again through the open
// descriptor (it may have changed since) and never reading past `max_bytes`.
// On failure sets `file.problem` (and `kind`, `detail` or `size`) and returns false.
bool read_checked_file(CheckedFile& file, uintmax_t max_bytes, std::string& text);

}  // namespace fides
