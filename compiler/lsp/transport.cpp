#include "lsp/transport.h"

#include <poll.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <optional>

namespace fides::lsp {
namespace {

constexpr size_t kMaxHeaderLine = size_t{64} << 10;

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

bool Transport::fill() {
  if (pos_ > 0 && pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  }
  char chunk[65536];
  for (;;) {
    ssize_t n = ::read(in_, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

bool Transport::pending() {
  if (pos_ < buffer_.size()) return true;
  pollfd p{in_, POLLIN, 0};
  return ::poll(&p, 1, 0) > 0;
}

// A header line without its "\r\n" (or "\n"); false at the end of input or
// when the line grows past kMaxHeaderLine (then it is cut there).
bool Transport::take_line(std::string& line) {
  for (;;) {
    size_t eol = buffer_.find('\n', pos_);
    if (eol != std::string::npos) {
      line.assign(buffer_, pos_, eol - pos_);
      pos_ = eol + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (buffer_.size() - pos_ > kMaxHeaderLine) {
      line.assign(buffer_, pos_, kMaxHeaderLine);
      pos_ += kMaxHeaderLine;
      return true;
    }
    if (!fill()) return false;
  }
}

// Consumes n bytes, keeping them in `into` unless it is null.
bool Transport::take_bytes(size_t n, std::string* into) {
  if (into) into->clear();
  while (n > 0) {
    if (pos_ == buffer_.size() && !fill()) return false;
    size_t k = std::min(n, buffer_.size() - pos_);
    if (into) into->append(buffer_, pos_, k);
    pos_ += k;
    n -= k;
  }
  return true;
}

Transport::Incoming Transport::read() {
  Incoming in;
  std::optional<size_t> length;
  std::string line;
  bool any_header = false;
  for (;;) {
    if (!take_line(line)) return in;  // end
    if (line.empty()) {
      if (!any_header) continue;  // blank lines between messages
      break;
    }
    any_header = true;
    size_t colon = line.find(':');
    if (colon == std::string::npos) {
      in.problem = "a header line without ':'";
      continue;
    }
    if (!same_ignoring_case(trimmed(std::string_view(line).substr(0, colon)), "Content-Length")) continue;
    std::string_view value = trimmed(std::string_view(line).substr(colon + 1));
    size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
      in.problem = "Content-Length is not a number";
      continue;
    }
    length = n;
  }
  if (!length) {
    in.kind = Incoming::Kind::malformed;
    if (in.problem.empty()) in.problem = "no Content-Length header";
    return in;
  }
  bool too_large = *length > kMaxMessageBytes;
  if (!take_bytes(*length, too_large ? nullptr : &in.body)) return in;
  if (too_large) in.problem = "the message is larger than 128 MiB";
  if (!in.problem.empty()) {
    in.kind = Incoming::Kind::malformed;
    in.body.clear();
    return in;
  }
  in.kind = Incoming::Kind::message;
  return in;
}

bool Transport::write(std::string_view body) {
  std::string message = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  message += body;
  size_t done = 0;
  while (done < message.size()) {
    ssize_t n = ::write(out_, message.data() + done, message.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace fides::lsp
