// Running independent tasks on N threads. Tasks are numbered; which thread
// runs which task is unspecified, so callers keep each task's results apart
// and merge them by task number afterwards.
#pragma once

#include <cstddef>
#include <functional>

namespace fides::tasks {

// Number of threads to use for a request of `threads` (0: every core).
unsigned resolve_threads(unsigned threads);

// Runs task(i) for every i in [0, n) on `threads` worker threads and returns
// when all are done. While waiting, the calling thread calls tick() about
// every 100 ms (for progress). threads <= 1 runs every task on the caller.
void run_tasks(size_t n, unsigned threads, const std::function<void(size_t)>& task,
               const std::function<void()>& tick);

}  // namespace fides::tasks
