// The review data of a request that changes loaded rows (a row whose key the
// history has, with other values): its references, index values and group
// keys may move loaded rows between groups, which an overlay cannot patch in
// place. So the whole data is built again the batch's way: the history's
// rows with the request's in their places and after them, then the loader's
// indexes (data::build_indexes) and the host's group stage (host::form_groups)
// over all of it. Exact, and as costly as loading that much (documented in
// docs/serve.md); the server runs one rebuild at a time.
#pragma once

#include <memory>
#include <string>

#include "data/dataset.h"
#include "serve/history.h"
#include "serve/request_rows.h"
#include "serve/review_data.h"

namespace fides::serve {

class Rebuild : public ReviewData {
 public:
  bool build(const History& history, const StagedRequest& request, unsigned threads, std::string& error);

  fides_eval_ctx context() const override { return dataset_->context(); }
  bool keeps_history_rows() const override { return false; }
  std::string_view key_of(uint32_t record, int64_t row) const override { return dataset_->key_of(record, row); }
  int64_t from_history(uint32_t record, int64_t row) const override;

 private:
  void copy_record(const History& history, uint32_t record, const std::vector<RequestRow>& rows);

  const History* history_ = nullptr;
  std::unique_ptr<data::Dataset> dataset_;
};

}  // namespace fides::serve
