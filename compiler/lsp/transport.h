// The base protocol of LSP on a pair of file descriptors: each message is a
// header part (`Content-Length: N`, lines ending "\r\n", other headers
// ignored), an empty line, then N bytes of JSON.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fides::lsp {

// The largest message read: a source file may have 16 MiB and JSON escapes
// can make a text several times longer.
inline constexpr size_t kMaxMessageBytes = size_t{128} << 20;

class Transport {
 public:
  Transport(int in_fd, int out_fd) : in_(in_fd), out_(out_fd) {}

  struct Incoming {
    enum class Kind { message, malformed, end } kind = Kind::end;
    std::string body;     // message: the JSON text
    std::string problem;  // malformed: what was wrong with the header part
  };
  // The next message. A header part without a usable Content-Length, or a
  // length over kMaxMessageBytes (its bytes are skipped), is `malformed`;
  // the end of input, also in the middle of a message, is `end`.
  Incoming read();

  // Whether input is waiting to be read, so that reading would not block.
  bool pending();

  // Writes one message; false when the output is closed.
  bool write(std::string_view body);

 private:
  bool fill();  // reads more input into buffer_; false at the end of input
  bool take_line(std::string& line);
  bool take_bytes(size_t n, std::string* into);

  int in_, out_;
  std::string buffer_;
  size_t pos_ = 0;  // buffer_[pos_ …] is not consumed yet
};

}  // namespace fides::lsp
