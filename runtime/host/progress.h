// Progress on stderr. Live progress is for a person
// watching: on a terminal, one line rewritten in place at most five times a
// second; with --progress on anything else (a log file), a plain line at most
// once a second and one as each stage ends. When stderr is not a terminal and
// --progress was not given, nothing is printed while the run goes, and the
// host prints one summary line at the end (summary()), so logs are not
// flooded. update() may be called from any thread; print() only from one.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace fides::host {

enum class ProgressMode { Off, Live, Summary };

// Live when stderr (`out`) is a terminal or `forced` (--progress), else Summary;
// Off when `enabled` is false (--quiet).
ProgressMode progress_mode(bool enabled, bool forced, FILE* out);

class Progress {
 public:
  Progress(ProgressMode mode, FILE* out);
  void stage(std::string name, int64_t total);
  void add(int64_t rows) { done_.fetch_add(rows, std::memory_order_relaxed); }
  void print();   // prints if due (Live only)
  void finish();  // ends a stage: clears a rewritten line, or prints the stage's last line
  void summary(const std::string& line);  // the one line of Summary mode, at the end

 private:
  void line(const char* end);
  ProgressMode mode_;
  bool tty_;
  FILE* out_;
  std::string stage_;
  int64_t total_ = 0;
  std::atomic<int64_t> done_{0};
  std::chrono::steady_clock::time_point started_, last_;
  bool printed_ = false;
};

}  // namespace fides::host
