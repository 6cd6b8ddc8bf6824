// The reference interpreter: executes a lower::Plan over the columns of a
// fides_eval_ctx with exactly the contract of a compiled pack's entry points
// (fides_eval_fn, docs/evaluation.md). It is the oracle for the LLVM back end.
//
// An Interpreter is immutable after construction; every call keeps its state
// (let memos, arena, bindings) local, so the host may call it from several
// threads at once on disjoint row ranges.
#pragma once

#include <cstdint>

#include "fides/pack_abi.h"
#include "host/evaluator.h"
#include "interp/pack_view.h"
#include "interp/source_positions.h"
#include "lower/plan.h"

namespace fides::interp {

class Interpreter {
 public:
  // `plan` (and the program and module it points at) must outlive this.
  explicit Interpreter(const lower::Plan& plan);

  // fides_eval_fn: rule (or scorecard) `index` for subject rows [begin, end).
  // 0, or non-zero (FIDES_ERR_NOMEM) when it could not run at all.
  int eval_rule(const fides_eval_ctx* ctx, uint32_t rule, int64_t begin, int64_t end) const;
  int eval_scorecard(const fides_eval_ctx* ctx, uint32_t scorecard, int64_t begin, int64_t end) const;
  // fides_eval_fn of eval_group: the group whose record is `group_record`.
  int eval_group(const fides_eval_ctx* ctx, uint32_t group_record, int64_t begin, int64_t end) const;

  const lower::Plan& plan() const { return plan_; }
  const SourcePositions& positions() const { return positions_; }

 private:
  const lower::Plan& plan_;
  SourcePositions positions_;
};

// The host's view of the interpreter: `view`'s descriptor with callables
// running a shared Interpreter over `plan`. Both must outlive the evaluator.
host::Evaluator make_evaluator(const lower::Plan& plan, const PackView& view);

}  // namespace fides::interp
