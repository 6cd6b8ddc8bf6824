// The review service over HTTP/1.1 (cpp-httplib, see README.md for why):
// POST /v1/review, GET /v1/pack, GET /v1/health, every answer JSON. Bodies
// over --max-body are refused with 413 before they are read; clients that
// are slow or vanish are dropped after a 5-second timeout; each connection is
// served by one of a pool of threads larger than the number of reviews that
// run at once, so idle keep-alive connections do not hold reviews up.
#pragma once

#include <memory>
#include <string>

#include "serve/review_service.h"

namespace httplib {
class Server;
}

namespace fides::serve {

class HttpServer {
 public:
  HttpServer(ReviewService& service, uint64_t max_body, unsigned connections);
  ~HttpServer();

  // Binds HOST:PORT (port 0: any free one); the port bound, or -1 with a message.
  int bind(const std::string& host, int port, std::string& error);
  // Answers until stop(); false when the server failed.
  bool run();
  // From any thread: stop accepting, finish the requests under way, return from run().
  void stop();

 private:
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace fides::serve
