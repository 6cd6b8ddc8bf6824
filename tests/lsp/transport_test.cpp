// The base protocol's framing on a pipe.
#include <doctest/doctest.h>
#include <unistd.h>

#include <string>

#include "lsp/transport.h"

using fides::lsp::Transport;
using Kind = Transport::Incoming::Kind;

namespace {

struct Pipe {
  int fds[2];
  Pipe() { REQUIRE(::pipe(fds) == 0); }
  ~Pipe() {
    ::close(fds[0]);
    if (fds[1] >= 0) ::close(fds[1]);
  }
  void write(const std::string& s) { REQUIRE(::write(fds[1], s.data(), s.size()) == static_cast<ssize_t>(s.size())); }
  void close_writer() {
    ::close(fds[1]);
    fds[1] = -1;
  }
};

}  // namespace

TEST_CASE("messages, other headers, blank lines between, and the end") {
  Pipe in;
  Transport t(in.fds[0], -1);
  CHECK_FALSE(t.pending());
  in.write("Content-Length: 2\r\n\r\n{}");
  in.write("\r\ncontent-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]");
  in.write("Content-Length: 4\n\nnull");  // bare line feeds are read too
  CHECK(t.pending());
  auto a = t.read();
  CHECK((a.kind == Kind::message && a.body == "{}"));
  auto b = t.read();
  CHECK((b.kind == Kind::message && b.body == "[1]"));
  auto c = t.read();
  CHECK((c.kind == Kind::message && c.body == "null"));
  in.close_writer();
  CHECK(t.read().kind == Kind::end);
}

TEST_CASE("broken header parts are malformed, and reading goes on after them") {
  Pipe in;
  Transport t(in.fds[0], -1);
  in.write("Content-Type: x\r\n\r\n");
  in.write("Content-Length: -4\r\n\r\n");
  in.write("no colon\r\nContent-Length: 3\r\n\r\nabc");
  in.write("Content-Length: 999999999999\r\n\r\n");
  auto a = t.read();
  CHECK((a.kind == Kind::malformed && a.problem == "no Content-Length header"));
  auto b = t.read();
  CHECK((b.kind == Kind::malformed && b.problem == "Content-Length is not a number"));
  auto c = t.read();
  CHECK((c.kind == Kind::malformed && c.body.empty()));
  in.close_writer();
  // A length past the end of input: the input ends inside the message.
  CHECK(t.read().kind == Kind::end);
}

TEST_CASE("a message is written with its length") {
  Pipe out;
  Transport t(-1, out.fds[1]);
  CHECK(t.write("{\"a\":\"医\"}"));
  char buffer[64] = {};
  ssize_t n = ::read(out.fds[0], buffer, sizeof buffer);
  CHECK(std::string(buffer, n) == "Content-Length: 11\r\n\r\n{\"a\":\"医\"}");
}
