// The pack's row caches (fides_row_cache, pack ABI 6) over the history: each
// cached aggregate's `where` and value per history row, filled by the
// history's own evaluation at start-up and by reviews after it (the pack
// fills an entry of a clean row the first time it computes it), and kept as
// long as the server runs. A review marks dirty the rows its request can
// change — its subjects — so those are computed with the request's rows.
#pragma once

#include <cstdint>
#include <vector>

#include "fides/pack_abi.h"

namespace fides::serve {

class HistoryRowCache {
 public:
  // rows[r]: the history's rows of record r.
  HistoryRowCache(const fides_pack& pack, std::vector<int64_t> rows);
  HistoryRowCache(const HistoryRowCache&) = delete;
  HistoryRowCache& operator=(const HistoryRowCache&) = delete;

  bool empty() const { return elements_.empty(); }
  const std::vector<int64_t>& rows() const { return rows_; }
  const std::vector<uint32_t>& records() const { return records_; }
  // Nothing dirty: for evaluating the history itself.
  const fides_row_cache* clean() const { return empty() ? nullptr : &clean_; }
  // With `dirty` ([n_records], each NULL or one byte per history row).
  fides_row_cache with_dirty(const uint8_t* const* dirty) const;

 private:
  std::vector<int64_t> rows_;
  std::vector<uint32_t> records_;  // per cache, its elements' record
  std::vector<std::vector<fides_cached_element>> entries_;
  std::vector<fides_cached_element*> elements_;
  fides_row_cache clean_{};
};

// One review's view of the history's row caches: the given rows dirty.
class RequestRowCache {
 public:
  // subjects[r]: rows of record r the request can change, sorted (rows past the history's are ignored).
  RequestRowCache(const HistoryRowCache& history, const std::vector<std::vector<int64_t>>& subjects);
  const fides_row_cache* get() const { return empty_ ? nullptr : &cache_; }

 private:
  bool empty_ = true;
  std::vector<std::vector<uint8_t>> marks_;  // [record], only for cached records
  std::vector<const uint8_t*> dirty_;        // [record]
  fides_row_cache cache_{};
};

}  // namespace fides::serve
