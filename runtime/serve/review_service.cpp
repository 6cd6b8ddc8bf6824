#include "serve/review_service.h"

#include <exception>

#include "serve/answer_json.h"
#include "serve/rebuild.h"
#include "serve/request_rows.h"
#include "serve/review.h"

namespace fides::serve {

ReviewService::ReviewService(const History& history, const trust::PackOrigin& origin, unsigned workers)
    : history_(history), schema_(history.pack()), pack_(pack_json(history, origin)), workers_(workers ? workers : 1) {}

bool ReviewService::open(std::string& error) {
  for (unsigned i = 0; i < workers_; ++i) {
    auto overlay = std::make_unique<Overlay>(history_);
    if (!overlay->open(error)) return false;
    free_.push_back(overlay.get());
    overlays_.push_back(std::move(overlay));
  }
  return true;
}

Reply ReviewService::health() const { return {200, R"({"status":"ok"})"}; }

Overlay* ReviewService::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !free_.empty(); });
  Overlay* overlay = free_.back();
  free_.pop_back();
  return overlay;
}

void ReviewService::release(Overlay* overlay) {
  overlay->reset();
  {
    std::lock_guard lock(mutex_);
    free_.push_back(overlay);
  }
  available_.notify_one();
}

Reply ReviewService::review(std::string_view body) {
  try {
    RawRequest raw;
    std::string error;
    if (!parse_request(schema_, body, static_cast<size_t>(history_.request_rows()), raw, error))
      return {400, error_json(error)};
    StagedRequest request;
    stage_request(history_, raw, request);
    Answer answer;
    if (request.changes_history()) {
      std::lock_guard lock(rebuild_);
      Rebuild data;
      if (!data.build(history_, request, workers_, error) || !serve::review(history_, data, request, answer, error))
        return {500, error_json(error)};
    } else {
      // Returned to the pool, reset, however the review ends.
      struct Lease {
        ReviewService& service;
        Overlay* overlay;
        ~Lease() { service.release(overlay); }
      } lease{*this, acquire()};
      if (!lease.overlay->apply(request, error) || !serve::review(history_, *lease.overlay, request, answer, error))
        return {500, error_json(error)};
    }
    return {200, answer_json(history_, answer, request)};
  } catch (const std::bad_alloc&) {
    return {503, error_json("out of memory while answering; the request was not reviewed")};
  } catch (const std::exception& e) {
    return {500, error_json(std::string("internal error: ") + e.what())};
  }
}

}  // namespace fides::serve
