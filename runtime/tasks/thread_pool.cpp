#include "tasks/thread_pool.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace fides::tasks {

unsigned resolve_threads(unsigned threads) {
  if (threads > 0) return threads;
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? n : 1;
}

void run_tasks(size_t n, unsigned threads, const std::function<void(size_t)>& task,
               const std::function<void()>& tick) {
  if (n == 0) return;
  if (threads <= 1 || n == 1) {
    for (size_t i = 0; i < n; ++i) {
      task(i);
      if (tick) tick();
    }
    return;
  }
  std::atomic<size_t> next{0};
  std::mutex mu;
  std::condition_variable cv;
  size_t running = std::min<size_t>(threads, n);
  size_t finished_workers = 0;
  std::vector<std::thread> workers;
  workers.reserve(running);
  for (size_t w = 0; w < running; ++w) {
    workers.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < n;) task(i);
      std::lock_guard<std::mutex> lock(mu);
      ++finished_workers;
      cv.notify_one();
    });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    while (finished_workers < running) {
      cv.wait_for(lock, std::chrono::milliseconds(100));
      if (tick) {
        lock.unlock();
        tick();
        lock.lock();
      }
    }
  }
  for (std::thread& t : workers) t.join();
}

}  // namespace fides::tasks
