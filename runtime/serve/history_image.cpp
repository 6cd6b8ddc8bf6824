#include "serve/history_image.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace fides::serve {
namespace {
constexpr size_t kPage = 4096;

size_t page_round(size_t n) { return (n + kPage - 1) / kPage * kPage; }

std::string system_error(const char* what) { return std::string(what) + ": " + std::strerror(errno); }
}  // namespace

HistoryImage::~HistoryImage() {
  if (shared_) munmap(const_cast<char*>(shared_), size_);
  if (fd_ >= 0) close(fd_);
}

size_t HistoryImage::add(const void* data, size_t bytes, size_t capacity) {
  ImageArray a;
  a.offset = size_;
  a.bytes = bytes;
  a.capacity = std::max(capacity, bytes);
  size_ += page_round(std::max<size_t>(a.capacity, 1));
  arrays_.push_back(a);
  sources_.push_back(data);
  return arrays_.size() - 1;
}

bool HistoryImage::seal(std::string& error) {
  fd_ = memfd_create("fides-serve-history", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd_ < 0) {
    error = system_error("cannot create the history's shared memory");
    return false;
  }
  if (ftruncate(fd_, static_cast<off_t>(size_)) != 0) {
    error = system_error("cannot size the history's shared memory");
    return false;
  }
  // Only the history's bytes are written: the room after each array stays a hole.
  for (size_t i = 0; i < arrays_.size(); ++i) {
    const ImageArray& a = arrays_[i];
    const char* from = static_cast<const char*>(sources_[i]);
    for (size_t done = 0; done < a.bytes;) {
      ssize_t n = pwrite(fd_, from + done, a.bytes - done, static_cast<off_t>(a.offset + done));
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        error = system_error("cannot fill the history's shared memory");
        return false;
      }
      done += static_cast<size_t>(n);
    }
  }
  sources_.clear();
  // Sealed: nobody, this process included, can change the history now.
  if (fcntl(fd_, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
    error = system_error("cannot seal the history's shared memory");
    return false;
  }
  void* p = mmap(nullptr, std::max<size_t>(size_, 1), PROT_READ, MAP_SHARED, fd_, 0);
  if (p == MAP_FAILED) {
    error = system_error("cannot map the history");
    return false;
  }
  shared_ = static_cast<const char*>(p);
  return true;
}

PrivateImage::~PrivateImage() {
  if (base_) munmap(base_, image_->size());
}

bool PrivateImage::map(const HistoryImage& image, std::string& error) {
  image_ = &image;
  void* p = mmap(nullptr, std::max<size_t>(image.size(), 1), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE,
                 image.fd(), 0);
  if (p == MAP_FAILED) {
    error = system_error("cannot map the history for a worker");
    return false;
  }
  base_ = static_cast<char*>(p);
  return true;
}

void PrivateImage::will_write(size_t id, size_t offset, size_t bytes) {
  const ImageArray& a = image_->array(id);
  if (offset >= a.bytes || bytes == 0) return;
  size_t end = bytes >= a.bytes - offset ? a.bytes : offset + bytes;
  written_.push_back({a.offset + offset, a.offset + end});
}

void PrivateImage::reset() {
  // Ranges may overlap (a range written twice): merge them, then copy each once.
  std::sort(written_.begin(), written_.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
  size_t i = 0;
  while (i < written_.size()) {
    size_t begin = written_[i].begin, end = written_[i].end;
    for (++i; i < written_.size() && written_[i].begin <= end; ++i) end = std::max(end, written_[i].end);
    std::memcpy(base_ + begin, image_->shared() + begin, end - begin);
  }
  written_.clear();
}

}  // namespace fides::serve
