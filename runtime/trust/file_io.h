// Whole files in and out, for packs, keys and signatures, with every failure a
// message. Writes go to a temporary name beside the target, are flushed to
// disk, and are renamed into place, so a reader never sees half a file.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace fides::trust {

// Writes all of `bytes` to `fd`; false with errno set on failure.
bool write_all(int fd, std::string_view bytes);

// Reads a regular file of at most `limit` bytes, in one pass.
bool read_whole_file(const std::string& path, size_t limit, std::string& out, std::string& error);

// Writes `text` to `path` with `mode`; with `exclusive`, refuses when `path` exists.
bool write_file_atomically(const std::string& path, const std::string& text, mode_t mode, bool exclusive,
                           std::string& error);

}  // namespace fides::trust
