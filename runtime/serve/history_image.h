// The arrays a pack reads of the history (record columns and index arrays),
// laid out once in one sealed memfd. The server keeps one read-only shared
// mapping of it (the history as loaded), and each worker maps it privately
// (copy-on-write): a worker writes its request's rows after the history's and
// patches indexes in place, and only the pages it writes become its own;
// every other page stays shared between all workers. So a request never
// copies the history, and workers never see each other's rows.
//
// Every array has room after the history's bytes (its capacity) for the rows
// one request may add; that room is a hole in the memfd and costs nothing
// until a worker writes there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fides::serve {

// Where one array lies in the image (byte offsets, page-aligned).
struct ImageArray {
  size_t offset = 0;
  size_t bytes = 0;     // the history's content
  size_t capacity = 0;  // history and room for a request's rows
};

class HistoryImage {
 public:
  HistoryImage() = default;
  HistoryImage(const HistoryImage&) = delete;
  HistoryImage& operator=(const HistoryImage&) = delete;
  ~HistoryImage();

  // Reserves an array of `capacity` bytes whose first `bytes` will be a copy
  // of `data` (which must stay valid until seal()); returns its number.
  size_t add(const void* data, size_t bytes, size_t capacity);
  // Creates the memfd, copies every array in and maps it read-only. False
  // with a message when memory cannot be had.
  bool seal(std::string& error);

  const ImageArray& array(size_t id) const { return arrays_[id]; }
  const char* shared() const { return shared_; }  // the history, read-only
  size_t size() const { return size_; }
  int fd() const { return fd_; }

 private:
  std::vector<ImageArray> arrays_;
  std::vector<const void*> sources_;
  size_t size_ = 0;
  int fd_ = -1;
  const char* shared_ = nullptr;
};

// One worker's copy-on-write mapping of the image, and the history ranges it
// has written for the current request (restored by reset()).
class PrivateImage {
 public:
  PrivateImage() = default;
  PrivateImage(const PrivateImage&) = delete;
  PrivateImage& operator=(const PrivateImage&) = delete;
  ~PrivateImage();

  bool map(const HistoryImage& image, std::string& error);
  char* base() { return base_; }

  // Records that bytes [offset, offset + bytes) of array `id`, inside the
  // history's content, are about to be overwritten. (Writes after the
  // history's content need not be recorded: nothing reads them but the
  // request that wrote them.) `bytes` may run past the end (SIZE_MAX: to the end).
  void will_write(size_t id, size_t offset, size_t bytes);
  // Puts back every recorded range from the shared history.
  void reset();

 private:
  const HistoryImage* image_ = nullptr;
  char* base_ = nullptr;
  struct Range {
    size_t begin, end;  // absolute byte offsets in the image
  };
  std::vector<Range> written_;
};

}  // namespace fides::serve
