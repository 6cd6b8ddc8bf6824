// --max-memory for the loader (spec §9.11): every allocation that grows with
// the input — staged column entries, text copied into the arena, reject rows,
// key maps, the reader's line buffers — is charged here before it is made, so
// a run stops with a clear error instead of ending in bad_alloc or the OOM
// killer. Charges are estimates of the bytes held (element sizes, string
// lengths), not malloc's bookkeeping; the limit leaves room for that.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace fides::data {

class MemoryBudget {
 public:
  explicit MemoryBudget(uint64_t limit = std::numeric_limits<uint64_t>::max()) : limit_(limit) {}

  // Adds `bytes`; false (and nothing added) when that would pass the limit.
  // Safe from several threads.
  bool charge(uint64_t bytes) {
    uint64_t used = used_.load(std::memory_order_relaxed);
    do {
      if (bytes > limit_ - used) return false;
    } while (!used_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
    return true;
  }
  // Forgets every charge (the loader starting over).
  void reset() { used_.store(0, std::memory_order_relaxed); }
  uint64_t used() const { return used_.load(std::memory_order_relaxed); }
  uint64_t limit() const { return limit_; }

 private:
  uint64_t limit_;
  std::atomic<uint64_t> used_{0};
};

}  // namespace fides::data
