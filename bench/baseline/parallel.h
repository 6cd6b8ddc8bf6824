// bench baseline: run n tasks on up to `threads` threads (tasks taken in
// turn from a shared counter).
#pragma once

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace bench {

template <class Task>
void run_parallel(size_t n, size_t threads, Task&& task) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) task(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads && t < n; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

}  // namespace bench
