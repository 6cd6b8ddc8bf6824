#include "serve/row_cache.h"

#include <cstddef>
#include <utility>

namespace fides::serve {

HistoryRowCache::HistoryRowCache(const fides_pack& pack, std::vector<int64_t> rows) : rows_(std::move(rows)) {
  for (uint32_t c = 0; c < pack.n_row_caches; ++c) {
    const uint32_t record = pack.row_cache_records[c];
    records_.push_back(record);
    entries_.emplace_back(static_cast<size_t>(rows_[record]));
    elements_.push_back(entries_.back().data());
  }
  clean_ = with_dirty(nullptr);
}

fides_row_cache HistoryRowCache::with_dirty(const uint8_t* const* dirty) const {
  return fides_row_cache{rows_.data(), dirty, elements_.data()};
}

RequestRowCache::RequestRowCache(const HistoryRowCache& history, const std::vector<std::vector<int64_t>>& subjects) {
  if (history.empty()) return;
  const std::vector<int64_t>& rows = history.rows();
  marks_.resize(rows.size());
  dirty_.assign(rows.size(), nullptr);
  for (uint32_t record : history.records()) {
    if (dirty_[record] || rows[record] == 0) continue;
    marks_[record].assign(static_cast<size_t>(rows[record]), 0);
    for (int64_t row : subjects[record])
      if (row < rows[record]) marks_[record][static_cast<size_t>(row)] = 1;
    dirty_[record] = marks_[record].data();
  }
  cache_ = history.with_dirty(dirty_.data());
  empty_ = false;
}

}  // namespace fides::serve
