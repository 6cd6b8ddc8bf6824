#include "csv_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace bench {

CsvFile::CsvFile(const std::string& path) : path_(path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    std::fprintf(stderr, "baseline: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  size_ = static_cast<size_t>(st.st_size);
  if (size_ > 0) {
    void* m = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (m == MAP_FAILED) {
      std::fprintf(stderr, "baseline: cannot map %s\n", path.c_str());
      std::exit(1);
    }
    data_ = static_cast<const char*>(m);
  }
  ::close(fd);
  std::string_view all(data_, size_);
  size_t eol = all.find('\n');
  std::string_view head = all.substr(0, eol);
  if (!head.empty() && head.back() == '\r') head.remove_suffix(1);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  for (size_t p = 0;;) {
    size_t comma = head.find(',', p);
    header_.emplace_back(head.substr(p, comma == std::string_view::npos ? std::string_view::npos : comma - p));
    if (comma == std::string_view::npos) break;
    p = comma + 1;
  }
  body_ = eol == std::string_view::npos ? std::string_view() : all.substr(eol + 1);
}

CsvFile::~CsvFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

size_t CsvFile::column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  std::fprintf(stderr, "baseline: %s has no column %.*s\n", path_.c_str(), static_cast<int>(name.size()), name.data());
  std::exit(1);
}

std::vector<std::string_view> CsvFile::parts(size_t parts) const {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 1; i <= parts; ++i) {
    size_t end = i == parts ? body_.size() : body_.size() * i / parts;
    if (end < start) end = start;
    while (end < body_.size() && end > 0 && body_[end - 1] != '\n') ++end;
    out.push_back(body_.substr(start, end - start));
    start = end;
  }
  return out;
}

}  // namespace bench
