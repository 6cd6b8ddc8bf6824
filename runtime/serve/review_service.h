// The server's answers, without HTTP: a request body in, a status and a JSON
// body out. Requests run concurrently, each on a worker overlay of its own
// (at most `workers` at once; more wait for one to be free), so none ever
// sees another's rows; a request that changes loaded rows is rebuilt, one
// at a time. Every failure is an answer ({"error": …}), never an exception.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "serve/history.h"
#include "serve/overlay.h"
#include "serve/request_json.h"
#include "trust/verified_pack.h"

namespace fides::serve {

struct Reply {
  int status = 200;
  std::string body;
};

class ReviewService {
 public:
  ReviewService(const History& history, const trust::PackOrigin& origin, unsigned workers);
  // Maps the history for every worker. False with a message.
  bool open(std::string& error);

  Reply review(std::string_view body);
  Reply pack() const { return {200, pack_}; }
  Reply health() const;

 private:
  Overlay* acquire();
  void release(Overlay* overlay);

  const History& history_;
  RequestSchema schema_;
  std::string pack_;
  unsigned workers_;
  std::vector<std::unique_ptr<Overlay>> overlays_;
  std::vector<Overlay*> free_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::mutex rebuild_;
};

}  // namespace fides::serve
