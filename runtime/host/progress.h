// A progress line on stderr for long runs: on a terminal, one line rewritten
// in place at most five times a second; otherwise a plain line at most once a
// second, and only once a stage has run for a second (short runs print
// nothing). update() may be called from any thread; print() only from one.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace fides::host {

class Progress {
 public:
  // enabled false: never prints.
  Progress(bool enabled, FILE* out);
  void stage(std::string name, int64_t total);
  void add(int64_t rows) { done_.fetch_add(rows, std::memory_order_relaxed); }
  void print();  // prints if due
  void finish(); // ends a rewritten line on a terminal

 private:
  bool enabled_, tty_;
  FILE* out_;
  std::string stage_;
  int64_t total_ = 0;
  std::atomic<int64_t> done_{0};
  std::chrono::steady_clock::time_point started_, last_;
  bool printed_ = false;
};

}  // namespace fides::host
