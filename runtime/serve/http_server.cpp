#include "serve/http_server.h"

#include <httplib.h>

#include <cstdlib>

#include "serve/answer_json.h"

namespace fides::serve {
namespace {
constexpr const char* kJson = "application/json";

void answer(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, kJson);
}

// The body of an answer the routes did not make (a wrong path or method, a
// body too large, a request httplib could not read).
std::string error_for(int status, const httplib::Request& req, uint64_t max_body) {
  switch (status) {
    case 404:
      return "no such path: " + req.method + " " + req.path +
             "; the server answers POST /v1/review, GET /v1/pack and GET /v1/health";
    case 405: return req.method + " is not allowed on " + req.path;
    case 413: return "the request body is larger than --max-body (" + std::to_string(max_body) + " bytes)";
    default: return "the request could not be read whole (HTTP " + std::to_string(status) + ")";
  }
}
}  // namespace

HttpServer::HttpServer(ReviewService& service, uint64_t max_body, unsigned connections)
    : server_(std::make_unique<httplib::Server>()) {
  httplib::Server& s = *server_;
  s.new_task_queue = [connections] { return new httplib::ThreadPool(connections); };
  s.set_payload_max_length(static_cast<size_t>(max_body));
  s.set_read_timeout(5, 0);
  s.set_write_timeout(5, 0);
  s.set_keep_alive_timeout(5);
  s.set_keep_alive_max_count(1000);
  s.set_tcp_nodelay(true);
  // A body with a Content-Length over the limit is refused by httplib before
  // it is read; a chunked one is read up to the limit and no further.
  s.Post("/v1/review", [&service, max_body](const httplib::Request& req, httplib::Response& res,
                                            const httplib::ContentReader& read) {
    std::string body;
    // Announced too large: refused unread.
    bool too_large = std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) > max_body;
    bool read_all = !too_large && read([&](const char* data, size_t length) {
      too_large = body.size() + length > max_body;
      if (!too_large) body.append(data, length);
      return !too_large;
    });
    if (!read_all) {
      if (!too_large) return answer(res, {400, error_json(error_for(400, req, max_body))});
      res.set_header("Connection", "close");  // the rest of the body is never read
      return answer(res, {413, error_json(error_for(413, req, max_body))});
    }
    answer(res, service.review(body));
  });
  s.Get("/v1/pack", [&service](const httplib::Request&, httplib::Response& res) { answer(res, service.pack()); });
  s.Get("/v1/health", [&service](const httplib::Request&, httplib::Response& res) { answer(res, service.health()); });
  // The right path with the wrong method.
  auto not_allowed = [](const char* allow) {
    return [allow](const httplib::Request&, httplib::Response& res) {
      res.status = 405;
      res.set_header("Allow", allow);
    };
  };
  s.Get("/v1/review", not_allowed("POST"));
  s.Post("/v1/pack", not_allowed("GET"));
  s.Post("/v1/health", not_allowed("GET"));
  s.set_error_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    if (res.body.empty()) res.set_content(error_json(error_for(res.status, req, max_body)), kJson);
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    answer(res, {500, error_json("internal error while answering")});
  });
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(const std::string& host, int port, std::string& error) {
  int bound = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound < 0) error = "cannot listen on " + host + ":" + std::to_string(port) + " (in use, or not an address here?)";
  return bound;
}

bool HttpServer::run() { return server_->listen_after_bind(); }

void HttpServer::stop() { server_->stop(); }

}  // namespace fides::serve
