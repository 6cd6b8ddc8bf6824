// `fides lsp`: a Language Server Protocol server (LSP 3.17) over stdio.
//
// Answers JSON-RPC messages one at a time: every request gets exactly one
// answer, a malformed message an error answer, and no exception leaves
// `handle`. Diagnostics are published when the input is idle (and before a
// request is answered), each file's only when they changed since last sent.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/localized.h"
#include "lsp/pack.h"
#include "lsp/protocol.h"
#include "lsp/workspace.h"

namespace fides::lsp {

struct ServerOptions {
  PackOptions pack;
  Lang lang = Lang::en;        // of diagnostics and hovers
  std::string_view reference;  // the language reference in `lang` (Markdown)
  std::string version;         // the compiler's, for serverInfo
};

class Server {
 public:
  explicit Server(ServerOptions options) : options_(std::move(options)), workspace_(options_.pack) {}

  // The messages to send for one received message (its JSON text), in order.
  std::vector<std::string> handle(std::string_view message);
  // The answer to a message whose header part was broken.
  std::string malformed(std::string_view problem) const;
  // Checks what changed and returns the diagnostics to publish.
  std::vector<std::string> idle();

  bool exited() const { return exited_; }
  // 0 when `exit` came after `shutdown`, else 1 (the protocol's rule).
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  // A request's result, or the error it is answered with.
  struct AnswerError {
    int code;
    std::string message;
  };
  struct Answer {
    json result;
    std::optional<AnswerError> error;
  };
  Answer dispatch(const std::string& method, const json& params, std::vector<std::string>& out);
  void notify(const std::string& method, const json& params);
  json initialize(const json& params);
  void did_open(const json& params);
  void did_change(const json& params);
  json hover(const json& params);
  json definition(const json& params);
  json completion(const json& params);
  json document_symbol(const json& params);
  // The document a request names, its pack's check, and the byte offset of its position.
  struct At {
    View view;
    uint32_t offset = 0;
  };
  std::optional<At> at(const json& params, bool with_position);
  void publish(std::vector<std::string>& out);
  // Spans of a check as LSP ranges and locations, files named as the editor names them.
  Ranges ranges_of(const Analysis& a);

  ServerOptions options_;
  Workspace workspace_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  std::map<std::string, std::string> published_;  // URI → the diagnostics last sent (JSON)
};

// Runs the server on two file descriptors until `exit` or the end of input;
// returns the exit code.
int serve(int in_fd, int out_fd, ServerOptions options);

}  // namespace fides::lsp
