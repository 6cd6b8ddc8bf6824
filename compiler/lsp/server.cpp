#include "lsp/server.h"

#include <exception>

#include "lsp/completion.h"
#include "lsp/hover.h"
#include "lsp/outline.h"
#include "lsp/transport.h"
#include "lsp/uri.h"

namespace fides::lsp {
namespace {

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700, kInvalidRequest = -32600, kMethodNotFound = -32601, kInvalidParams = -32602,
              kInternalError = -32603, kServerNotInitialized = -32002;

json error_answer(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

Position position_of(const json& p) {
  return {p.at("line").get<uint32_t>(), p.at("character").get<uint32_t>()};
}

}  // namespace

std::string Server::malformed(std::string_view problem) const {
  return dump(error_answer(nullptr, kParseError, std::string(problem)));
}

std::vector<std::string> Server::handle(std::string_view message) {
  std::vector<std::string> out;
  json m = json::parse(message, nullptr, false);
  if (m.is_discarded()) {
    out.push_back(dump(error_answer(nullptr, kParseError, "the message is not JSON")));
    return out;
  }
  if (!m.is_object()) {
    out.push_back(dump(error_answer(nullptr, kInvalidRequest, "a message must be a JSON object")));
    return out;
  }
  auto id_it = m.find("id");
  bool request = id_it != m.end();
  json id = request ? *id_it : json(nullptr);
  if (request && !id.is_number_integer() && !id.is_string()) {
    out.push_back(dump(error_answer(nullptr, kInvalidRequest, "the id must be an integer or a string")));
    return out;
  }
  auto method_it = m.find("method");
  if (method_it == m.end() || !method_it->is_string()) {
    // An answer to a request of ours (the server sends none) is dropped.
    if (!request || m.contains("result") || m.contains("error")) return out;
    out.push_back(dump(error_answer(id, kInvalidRequest, "a request needs a method")));
    return out;
  }
  std::string method = method_it->get<std::string>();
  json params = m.contains("params") ? m["params"] : json::object();
  if (!request) {
    try {
      notify(method, params);
    } catch (const std::exception&) {
      // A notification with unusable params has no one to answer.
    }
    return out;
  }
  json answer;
  try {
    Answer a = dispatch(method, params, out);
    if (a.error) answer = error_answer(id, a.error->code, a.error->message);
    else answer = {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(a.result)}};
  } catch (const json::exception& e) {  // params of the wrong shape
    answer = error_answer(id, kInvalidParams, e.what());
  } catch (const std::exception& e) {
    answer = error_answer(id, kInternalError, e.what());
  }
  out.push_back(dump(answer));
  return out;
}

Server::Answer Server::dispatch(const std::string& method, const json& params, std::vector<std::string>& out) {
  auto refuse = [](int code, std::string message) {
    return Answer{nullptr, AnswerError{code, std::move(message)}};
  };
  if (method == "initialize") {
    if (initialized_) return refuse(kInvalidRequest, "initialize was sent already");
    initialized_ = true;
    return {initialize(params), std::nullopt};
  }
  if (!initialized_) return refuse(kServerNotInitialized, "initialize first");
  if (shutdown_) return refuse(kInvalidRequest, "the server is shutting down");
  if (method == "shutdown") {
    shutdown_ = true;
    return {nullptr, std::nullopt};
  }
  // Requests see every change made before them.
  publish(out);
  if (method == "textDocument/hover") return {hover(params), std::nullopt};
  if (method == "textDocument/definition") return {definition(params), std::nullopt};
  if (method == "textDocument/completion") return {completion(params), std::nullopt};
  if (method == "textDocument/documentSymbol") return {document_symbol(params), std::nullopt};
  return refuse(kMethodNotFound, "unknown method '" + method + "'");
}

void Server::notify(const std::string& method, const json& params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_ || shutdown_) return;
  if (method == "textDocument/didOpen") {
    did_open(params);
  } else if (method == "textDocument/didChange") {
    did_change(params);
  } else if (method == "textDocument/didClose") {
    workspace_.close(params.at("textDocument").at("uri").get<std::string>());
  }
  // Anything else (initialized, didSave, $/cancelRequest, …) needs nothing.
}

json Server::initialize(const json& params) {
  std::vector<std::string> roots;
  auto add_root = [&](const json& uri) {
    if (!uri.is_string()) return;
    if (std::optional<std::string> path = path_of_uri(uri.get<std::string>())) roots.push_back(*path);
  };
  if (params.is_object()) {
    if (params.contains("rootUri")) add_root(params["rootUri"]);
    if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array())
      for (const json& f : params["workspaceFolders"])
        if (f.is_object() && f.contains("uri")) add_root(f["uri"]);
  }
  workspace_.set_roots(std::move(roots));
  json capabilities = {
      {"positionEncoding", "utf-16"},
      {"textDocumentSync", {{"openClose", true}, {"change", 2}}},  // incremental
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"completionProvider", {{"triggerCharacters", {"."}}}},
      {"documentSymbolProvider", true},
  };
  return {{"capabilities", capabilities}, {"serverInfo", {{"name", "fides"}, {"version", options_.version}}}};
}

void Server::did_open(const json& params) {
  const json& doc = params.at("textDocument");
  workspace_.open(doc.at("uri").get<std::string>(), doc.at("text").get<std::string>(),
                  doc.contains("version") ? doc["version"].get<int64_t>() : 0);
}

void Server::did_change(const json& params) {
  const json& doc = params.at("textDocument");
  std::vector<Edit> edits;
  for (const json& c : params.at("contentChanges")) {
    Edit e;
    e.text = c.at("text").get<std::string>();
    if (c.contains("range"))
      e.range = std::pair{position_of(c["range"].at("start")), position_of(c["range"].at("end"))};
    edits.push_back(std::move(e));
  }
  workspace_.change(doc.at("uri").get<std::string>(), edits,
                    doc.contains("version") && doc["version"].is_number() ? doc["version"].get<int64_t>() : 0);
}

std::optional<Server::At> Server::at(const json& params, bool with_position) {
  std::optional<View> view = workspace_.view(params.at("textDocument").at("uri").get<std::string>());
  if (!view) return std::nullopt;
  At a{*view, 0};
  if (with_position) {
    LineIndex lines(view->analysis->sources->text(view->file));
    a.offset = lines.offset(position_of(params.at("position")));
  }
  return a;
}

Ranges Server::ranges_of(const Analysis& a) {
  return Ranges(a, [this](const std::string& path) { return workspace_.uri_of(path); });
}

json Server::hover(const json& params) {
  std::optional<At> a = at(params, true);
  if (!a) return nullptr;
  const Analysis& analysis = *a->view.analysis;
  std::optional<Occurrence> o = symbol_at(analysis, a->view.file, a->offset);
  if (!o) return nullptr;
  Ranges ranges = ranges_of(analysis);
  return hover_json(hover_markdown(analysis, o->symbol, options_.lang, options_.reference), ranges.range(o->span));
}

json Server::definition(const json& params) {
  std::optional<At> a = at(params, true);
  if (!a) return nullptr;
  const Analysis& analysis = *a->view.analysis;
  std::optional<Occurrence> o = symbol_at(analysis, a->view.file, a->offset);
  if (!o || !o->symbol.decl.file.valid()) return nullptr;
  Ranges ranges = ranges_of(analysis);
  return ranges.location(o->symbol.decl);
}

json Server::completion(const json& params) {
  std::optional<At> a = at(params, true);
  if (!a) return json::array();
  std::string uri = a->view.doc->uri, path = *a->view.doc->path;
  CompletionSite site = completion_site(a->view.analysis->sources->text(a->view.file), a->offset);
  if (!site.after_dot)
    return completion_items(scope_completions(*a->view.analysis, a->view.file, a->offset), options_.lang);
  if (auto fields = member_completions(*a->view.analysis, a->view.file, a->offset))
    return completion_items(*fields, options_.lang);
  // Nothing parses after the dot yet: check the text with a name typed in.
  std::unique_ptr<Analysis> typed = workspace_.check_with_insertion(uri, a->offset, kPlaceholderName);
  std::optional<FileId> file = typed ? typed->file(path) : std::nullopt;
  if (!file) return json::array();
  std::optional<std::vector<Symbol>> fields = member_completions(*typed, *file, a->offset);
  return completion_items(fields.value_or(std::vector<Symbol>{}), options_.lang);
}

json Server::document_symbol(const json& params) {
  std::optional<At> a = at(params, false);
  if (!a) return json::array();
  Ranges ranges = ranges_of(*a->view.analysis);
  return document_symbols(outline(*a->view.analysis, a->view.file), ranges);
}

void Server::publish(std::vector<std::string>& out) {
  for (const FileDiagnostics& f : workspace_.refresh()) {
    json diags = json::array();
    if (f.analysis) {
      Ranges ranges = ranges_of(*f.analysis);
      diags = diagnostics_json(f, ranges, options_.lang);
    }
    std::string text = dump(diags);
    auto it = published_.find(f.uri);
    if (it == published_.end() ? diags.empty() : it->second == text) continue;
    published_[f.uri] = text;
    json params = {{"uri", f.uri}, {"diagnostics", std::move(diags)}};
    out.push_back(dump({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", params}}));
  }
}

std::vector<std::string> Server::idle() {
  std::vector<std::string> out;
  if (!initialized_ || shutdown_) return out;
  try {
    publish(out);
  } catch (const std::exception&) {
    // Only resource exhaustion gets here; the next change tries again.
  }
  return out;
}

int serve(int in_fd, int out_fd, ServerOptions options) {
  Transport transport(in_fd, out_fd);
  Server server(std::move(options));
  for (;;) {
    if (!transport.pending())
      for (const std::string& m : server.idle()) transport.write(m);
    Transport::Incoming in = transport.read();
    if (in.kind == Transport::Incoming::Kind::end) break;
    std::vector<std::string> answers;
    if (in.kind == Transport::Incoming::Kind::malformed) answers.push_back(server.malformed(in.problem));
    else answers = server.handle(in.body);
    for (const std::string& m : answers) transport.write(m);
    if (server.exited()) break;
  }
  return server.exit_code();
}

}  // namespace fides::lsp
