// The history a review server answers against: the reference data read from
// --data exactly as fides-score reads it, its groups formed and every rule
// run over it once at start. Afterwards it is read-only and shared by all
// requests: the arrays the pack reads live in a HistoryImage (history_image.h),
// and the history's own findings and errors are kept by subject key, so that
// an answer can say which findings a request adds.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "data/load_options.h"
#include "host/evaluate.h"
#include "host/evaluator.h"
#include "serve/history_image.h"
#include "serve/row_cache.h"

namespace fides::serve {

// Image array numbers of one field's column (-1: the field has none of that kind).
struct ColumnArrays {
  int64_t values = -1, texts = -1, present = -1;
};

// Image array numbers of one index (-1: none).
struct IndexArrays {
  int64_t offsets = -1, ends = -1, rows = -1, group_of_row = -1, group_values = -1, group_texts = -1;
};

// A finding or an error as an answer compares them: by rule and subject key.
struct KnownFinding {
  int64_t amount = 0, points = 0;
  std::string message;
};
using KnownFindings = std::unordered_map<std::string, KnownFinding>;  // subject key → finding
using KnownErrors = std::unordered_map<std::string, std::string>;     // subject key → message

struct HistoryOptions {
  data::LoadOptions load;
  bool have_data = false;  // without --data the history is empty
  unsigned threads = 0;    // for loading and evaluating the history at start (0: every core)
  int64_t request_rows = 0;  // the most rows one request may add to a record type
};

class History {
 public:
  // Loads, evaluates and images the history. nullptr with a message and
  // exit code (1 fatal, 2 usage, as fides-score) when it cannot.
  static std::unique_ptr<History> load(const host::Evaluator& evaluator, const HistoryOptions& options,
                                       std::string& error, int& exit_code);

  const fides_pack& pack() const { return *evaluator_.pack; }
  const host::Evaluator& evaluator() const { return evaluator_; }
  // Keys, key maps, params and tables; its columns and indexes are moved to image().
  const data::Dataset& dataset() const { return *dataset_; }
  const HistoryImage& image() const { return image_; }
  int64_t request_rows() const { return request_rows_; }

  int64_t rows(uint32_t record) const { return dataset_->records[record].n_rows; }
  // Rows a request may make of a record type: the history's and room for a request.
  int64_t row_capacity(uint32_t record) const { return rows(record) + request_rows_; }
  const ColumnArrays& column(uint32_t record, uint32_t field) const { return columns_[record][field]; }
  const IndexArrays& index(uint32_t index) const { return indexes_[index]; }

  // The history as the pack sees it (views into image().shared()).
  const fides_record_data* records() const { return record_data_.data(); }
  const fides_index_data* indexes() const { return index_data_.data(); }
  fides_eval_ctx context() const;
  std::string_view key_of(uint32_t record, int64_t row) const { return dataset_->key_of(record, row); }

  // The history's results.
  const KnownFindings& findings(uint32_t rule) const { return findings_[rule]; }
  const KnownErrors& rule_errors(uint32_t rule) const { return rule_errors_[rule]; }
  // eval_group's errors, keyed by the row of the group's `for` record.
  const KnownErrors& group_errors(uint32_t group_record) const { return group_errors_[group_record]; }
  // Findings of rules that do not use hits, by row: what hits(x) sees.
  const std::vector<host::FindingOut>& first_stratum(uint32_t rule) const { return results_.findings[rule]; }
  // A group record's row whose key combination is `identity` (data::group_identity), or -1.
  int64_t group_row(uint32_t group_record, const std::string& identity) const;

  // Seconds each start-up stage took, in order: load, evaluate, index groups, image.
  const std::vector<std::pair<const char*, double>>& timings() const { return timings_; }
  // The pack's row caches over the history's rows.
  const HistoryRowCache& row_cache() const { return *row_cache_; }

  // Load statistics for the start-up message and GET /v1/pack.
  const std::vector<data::InputStat>& inputs() const { return dataset_->inputs; }
  size_t rejected() const { return dataset_->rejects.size(); }

 private:
  explicit History(const host::Evaluator& evaluator) : evaluator_(evaluator) {}
  void remember_results(const host::Results& results);
  void index_groups();
  bool make_image(std::string& error);

  host::Evaluator evaluator_;
  std::vector<std::pair<const char*, double>> timings_;
  std::unique_ptr<data::Dataset> dataset_;
  int64_t request_rows_ = 0;
  std::unique_ptr<HistoryRowCache> row_cache_;
  HistoryImage image_;
  std::vector<std::vector<ColumnArrays>> columns_;  // [record][field]
  std::vector<IndexArrays> indexes_;
  std::vector<std::vector<fides_column>> column_views_;
  std::vector<fides_record_data> record_data_;
  std::vector<fides_index_data> index_data_;
  host::Results results_;  // first-stratum findings by row (the rest is cleared)
  std::vector<KnownFindings> findings_;
  std::vector<KnownErrors> rule_errors_;
  std::vector<KnownErrors> group_errors_;  // [group record]
  std::vector<std::unordered_map<std::string, int64_t>> group_rows_;  // [group record] identity → row
};

}  // namespace fides::serve
