// What one review evaluates on: the history with the request's rows joined
// to it, made either by a worker's overlay (overlay.h: the request only adds
// rows) or by a rebuild (rebuild.h: it changes loaded rows).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "fides/pack_abi.h"
#include "host/sink_buffer.h"

namespace fides::serve {

class ReviewData {
 public:
  virtual ~ReviewData() = default;
  // The data as the pack sees it (no findings, no sink).
  virtual fides_eval_ctx context() const = 0;
  // A row's key, printed; for a group, its keys joined by '|'.
  virtual std::string_view key_of(uint32_t record, int64_t row) const = 0;
  // The row here of a row of the history (groups may be numbered anew), or -1.
  virtual int64_t from_history(uint32_t record, int64_t row) const { return row; }
  // Whether the history's rows are here unchanged, with the same numbers (the
  // request only adds rows), so the history's row caches hold for them.
  virtual bool keeps_history_rows() const { return true; }

  // Per record (groups only), the groups the request's rows are members of: sorted, once each.
  const std::vector<std::vector<int64_t>>& joined() const { return joined_; }
  // eval_group's errors on the request's rows (kind FIDES_ERROR_GROUP).
  const std::vector<host::ErrorOut>& group_errors() const { return group_errors_; }

 protected:
  std::vector<std::vector<int64_t>> joined_;
  std::vector<host::ErrorOut> group_errors_;
};

}  // namespace fides::serve
