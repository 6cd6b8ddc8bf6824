// Evaluation of a pack over a loaded dataset, in four steps (spec §3.4, §9.1):
//   0. groups: eval_group over each group's `for` record, then the groups
//      are formed into the dataset (their rows, keys and indexes);
//   1. rules with uses_hits == 0;
//   2. rules with uses_hits == 1, seeing only the findings of step 1;
//   3. scorecards, seeing every finding.
// Each rule's (or scorecard's) subject rows are split into fixed-size chunks;
// chunks run on a pool of threads, each with its own sink buffer; buffers are
// merged by (rule, chunk) and sorted by row, so results never depend on the
// number of threads.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "host/evaluator.h"
#include "host/progress.h"
#include "host/sink_buffer.h"

namespace fides::host {

struct EvalOptions {
  unsigned threads = 0;          // 0: every core
  // Subject rows per task; 0: automatic (chunk_for). A pack remembers
  // subject-independent and peer-group aggregates per call (per task), so
  // fewer, larger tasks compute them fewer times.
  int64_t chunk_rows = 0;
  Progress* progress = nullptr;  // optional
  // Kept across evaluations of one history (fides-serve); NULL: none.
  const fides_row_cache* row_cache = nullptr;
};

// The automatic chunk: at least 2048 rows, and at most 4 tasks per thread for
// one rule or scorecard, so a memo per task costs O(threads) evaluations of an
// aggregate per run rather than O(rows / 2048) (spec §9.2, last bullet).
inline int64_t chunk_for(int64_t rows, unsigned threads) {
  int64_t tasks = 4 * static_cast<int64_t>(threads > 0 ? threads : 1);
  int64_t even = (rows + tasks - 1) / tasks;
  return even > 2048 ? even : 2048;
}

struct Results {
  std::vector<std::vector<FindingOut>> findings;        // [rule], subject order
  std::vector<std::vector<ErrorOut>> rule_errors;       // [rule]
  std::vector<std::vector<ScoreOut>> scores;            // [scorecard]
  std::vector<std::vector<ErrorOut>> scorecard_errors;  // [scorecard]
  std::vector<std::vector<ErrorOut>> group_errors;      // [record]: a group's key errors, by row of its `for` record
};

// Wall-clock milliseconds per step, named, in the order they ran.
using Timings = std::vector<std::pair<std::string, double>>;

// Step 0 alone: forms the groups into `dataset` (their rows, keys, GROUP_ROWS
// indexes and the indexes over groups), with their key errors in
// results.group_errors. False with a message when eval_group could not run.
bool form_groups(const Evaluator& evaluator, data::Dataset& dataset, const EvalOptions& options, Results& results,
                 std::string& error);

// Forms the groups into `dataset`, then runs every rule and scorecard. False
// (with a message) only when an entry point reported it could not run at
// all; evaluation errors of single subjects are results, not failures.
bool evaluate(const Evaluator& evaluator, data::Dataset& dataset, const EvalOptions& options,
              Results& results, Timings& timings, std::string& error);

}  // namespace fides::host
