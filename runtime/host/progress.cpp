#include "host/progress.h"

#include <unistd.h>

namespace fides::host {

Progress::Progress(bool enabled, FILE* out)
    : enabled_(enabled && out), tty_(out && isatty(fileno(out))), out_(out) {}

void Progress::stage(std::string name, int64_t total) {
  stage_ = std::move(name);
  total_ = total;
  done_ = 0;
  started_ = last_ = std::chrono::steady_clock::now();
}

void Progress::print() {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  auto since = [&](auto t) { return std::chrono::duration_cast<std::chrono::milliseconds>(now - t).count(); };
  if (tty_ ? since(last_) < 200 : (since(started_) < 1000 || since(last_) < 1000)) return;
  last_ = now;
  long long done = done_.load(std::memory_order_relaxed);
  if (tty_) {
    std::fprintf(out_, "\r%s: %lld / %lld rows\x1b[K", stage_.c_str(), done, static_cast<long long>(total_));
    printed_ = true;
  } else {
    std::fprintf(out_, "%s: %lld / %lld rows\n", stage_.c_str(), done, static_cast<long long>(total_));
  }
  std::fflush(out_);
}

void Progress::finish() {
  if (enabled_ && tty_ && printed_) {
    std::fprintf(out_, "\r\x1b[K");
    std::fflush(out_);
    printed_ = false;
  }
}

}  // namespace fides::host
