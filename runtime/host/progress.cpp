#include "host/progress.h"

#include <unistd.h>

namespace fides::host {

ProgressMode progress_mode(bool enabled, bool forced, FILE* out) {
  if (!enabled || !out) return ProgressMode::Off;
  return forced || isatty(fileno(out)) ? ProgressMode::Live : ProgressMode::Summary;
}

Progress::Progress(ProgressMode mode, FILE* out)
    : mode_(out ? mode : ProgressMode::Off), tty_(out && isatty(fileno(out))), out_(out) {}

void Progress::stage(std::string name, int64_t total) {
  stage_ = std::move(name);
  total_ = total;
  done_ = 0;
  started_ = last_ = std::chrono::steady_clock::now();
}

void Progress::line(const char* end) {
  long long done = done_.load(std::memory_order_relaxed);
  std::fprintf(out_, "%s%s: %lld / %lld rows%s", tty_ ? "\r" : "", stage_.c_str(), done,
               static_cast<long long>(total_), end);
  std::fflush(out_);
}

void Progress::print() {
  if (mode_ != ProgressMode::Live) return;
  auto now = std::chrono::steady_clock::now();
  auto since = [&](auto t) { return std::chrono::duration_cast<std::chrono::milliseconds>(now - t).count(); };
  if (tty_ ? since(last_) < 200 : (since(started_) < 1000 || since(last_) < 1000)) return;
  last_ = now;
  line(tty_ ? "\x1b[K" : "\n");
  printed_ = tty_;
}

void Progress::finish() {
  if (mode_ != ProgressMode::Live) return;
  if (!tty_) {
    line("\n");
  } else if (printed_) {
    std::fprintf(out_, "\r\x1b[K");
    std::fflush(out_);
    printed_ = false;
  }
}

void Progress::summary(const std::string& text) {
  if (mode_ != ProgressMode::Summary) return;
  std::fprintf(out_, "%s\n", text.c_str());
  std::fflush(out_);
}

}  // namespace fides::host
