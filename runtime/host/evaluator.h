// What the host runs: a pack descriptor and two evaluation entry points.
// A compiled pack gives both from its descriptor (evaluator_of); the
// reference interpreter supplies its own callables over the same descriptor,
// so `fides run` / `fides test` drive it through the same scheduler, loader
// and output writers as fides-score.
#pragma once

#include <cstdint>
#include <functional>

#include "fides/pack_abi.h"

namespace fides::host {

// Same contract as fides_eval_fn: evaluate rule (or scorecard) `index` for
// subject rows [begin, end); may be called from several threads at once on
// disjoint ranges, each with its own sink in ctx. Non-zero: could not run.
using EvalFn = std::function<int(const fides_eval_ctx* ctx, uint32_t index, int64_t begin, int64_t end)>;

struct Evaluator {
  const fides_pack* pack = nullptr;  // the descriptor; its eval_* pointers are not used
  EvalFn eval_rule;
  EvalFn eval_scorecard;
  EvalFn eval_group;  // index: a group's record
};

// An evaluator calling the pack's own entry points.
Evaluator evaluator_of(const fides_pack& pack);

}  // namespace fides::host
