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
  int64_t chunk_rows = 2048;     // subject rows per task
  Progress* progress = nullptr;  // optional
};

struct Results {
  std::vector<std::vector<FindingOut>> findings;        // [rule], subject order
  std::vector<std::vector<ErrorOut>> rule_errors;       // [rule]
  std::vector<std::vector<ScoreOut>> scores;            // [scorecard]
  std::vector<std::vector<ErrorOut>> scorecard_errors;  // [scorecard]
  std::vector<std::vector<ErrorOut>> group_errors;      // [record]: a group's key errors, by row of its `for` record
};

// Wall-clock milliseconds per step, named, in the order they ran.
using Timings = std::vector<std::pair<std::string, double>>;

// Forms the groups into `dataset`, then runs every rule and scorecard. False
// (with a message) only when an entry point reported it could not run at
// all; evaluation errors of single subjects are results, not failures.
bool evaluate(const Evaluator& evaluator, data::Dataset& dataset, const EvalOptions& options,
              Results& results, Timings& timings, std::string& error);

}  // namespace fides::host
