// The bytes as the language server reads them: as its input stream (framed
// JSON-RPC messages, after `initialize`), and as the text of an open document
// in which hovers, definitions, completions and the outline are asked for at
// positions the bytes pick. Every request must get exactly one answer, with
// its id and a result.
#include <fcntl.h>
#include <unistd.h>

#include <string>

#include "lsp/server.h"
#include "lsp/transport.h"
#include "lsp/uri.h"
#include "scratch.h"
#include "targets.h"

namespace fides::fuzz {
namespace {

using lsp::json;

json request(int id, const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

json notification(const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

lsp::Server new_server() {
  lsp::Server server(lsp::ServerOptions{{"", {}}, Lang::en, "", "fuzz"});
  server.handle(lsp::dump(request(0, "initialize", {{"rootUri", lsp::uri_of_path(scratch_dir())}})));
  return server;
}

// The answers to one request among what the server sent.
std::string check_answered(const std::vector<std::string>& sent, int id, const std::string& method) {
  int answers = 0;
  for (const std::string& m : sent) {
    json j = json::parse(m, nullptr, false);
    if (j.is_discarded()) return "the server sent a message that is not JSON: " + m.substr(0, 200);
    if (!j.contains("id") || j["id"] != id) continue;
    ++answers;
    if (!j.contains("result")) return method + " was answered with an error: " + m.substr(0, 200);
  }
  return answers == 1 ? "" : method + " got " + std::to_string(answers) + " answers";
}

}  // namespace

std::string check_lsp(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // The bytes as the server's input.
  {
    lsp::Server server = new_server();
    int fd = ::open(write_scratch_file("input", bytes).c_str(), O_RDONLY);
    if (fd < 0) return "cannot open the scratch input";
    lsp::Transport in(fd, -1);
    for (;;) {
      lsp::Transport::Incoming m = in.read();
      if (m.kind == lsp::Transport::Incoming::Kind::end) break;
      if (m.kind == lsp::Transport::Incoming::Kind::malformed) server.malformed(m.problem);
      else server.handle(m.body);
      server.idle();
    }
    ::close(fd);
  }

  // The bytes as a document (on disk too: a pack's main file must exist).
  lsp::Server server = new_server();
  std::string uri = lsp::uri_of_path(write_scratch_file("doc.fides", bytes));
  server.handle(lsp::dump(notification(
      "textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"version", 1}, {"text", std::string(bytes)}}}})));
  server.idle();
  int id = 1;
  for (size_t k = 0; k < 6; ++k) {
    // A line and a column from two bytes, some of them past the text's end.
    uint32_t line = size > 2 * k ? data[2 * k] % 64 : k;
    uint32_t character = size > 2 * k + 1 ? data[2 * k + 1] % 128 : k;
    json at = {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", character}}}};
    for (const char* method : {"textDocument/hover", "textDocument/definition", "textDocument/completion"}) {
      std::string problem = check_answered(server.handle(lsp::dump(request(id, method, at))), id, method);
      if (!problem.empty()) return problem;
      ++id;
    }
  }
  json outline = {{"textDocument", {{"uri", uri}}}};
  return check_answered(server.handle(lsp::dump(request(id, "textDocument/documentSymbol", outline))), id,
                        "textDocument/documentSymbol");
}

}  // namespace fides::fuzz
