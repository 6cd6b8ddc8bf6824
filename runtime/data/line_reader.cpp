#include "data/line_reader.h"

#include <algorithm>
#include <cstring>

namespace fides::data {

void LineReader::start_at(uint64_t offset, uint32_t lines_before) {
  buf_offset_ = offset;
  pos_ = end_ = 0;
  line_ = lines_before;
}

bool LineReader::refill() {
  if (!error_.empty()) return false;
  buf_offset_ += end_;
  pos_ = end_ = 0;
  long n = in_.read_at(buf_.data(), buf_.size(), buf_offset_, error_);
  if (n <= 0) return false;
  end_ = static_cast<size_t>(n);
  return true;
}

bool LineReader::peek(std::string_view& bytes) {
  const char* begin = buf_.data() + pos_;
  const void* lf = std::memchr(begin, '\n', end_ - pos_);
  if (!lf) return false;
  size_t n = static_cast<size_t>(static_cast<const char*>(lf) - begin);
  if (n > 0 && begin[n - 1] == '\r') --n;
  bytes = std::string_view(begin, n);
  return true;
}

void LineReader::skip_peeked(std::string_view bytes, uint32_t& number, uint64_t& offset) {
  number = ++line_;
  offset = buf_offset_ + pos_;
  pos_ += bytes.size() + (buf_[pos_ + bytes.size()] == '\r' ? 2 : 1);
}

bool LineReader::next(PhysicalLine& out) {
  if (pos_ == end_ && !refill()) return false;
  out.number = ++line_;
  out.offset = buf_offset_ + pos_;
  out.length = 0;
  out.bytes.clear();
  for (;;) {
    if (pos_ == end_ && !refill()) return true;
    char* begin = buf_.data() + pos_;
    char* stop = std::find_if(begin, buf_.data() + end_, [](char c) { return c == '\n' || c == '\r'; });
    size_t n = static_cast<size_t>(stop - begin);
    out.bytes.append(begin, std::min(n, cap_ - std::min(cap_, out.bytes.size())));
    out.length += n;
    pos_ += n;
    if (pos_ == end_) continue;
    ++pos_;
    if (*stop == '\r' && (pos_ < end_ || refill()) && buf_[pos_] == '\n') ++pos_;
    return true;
  }
}

}  // namespace fides::data
