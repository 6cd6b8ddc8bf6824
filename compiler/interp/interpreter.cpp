#include "interp/interpreter.h"

#include <memory>

#include "interp/eval.h"

namespace fides::interp {

Interpreter::Interpreter(const lower::Plan& plan)
    : plan_(plan), positions_(*plan.program->module, plan.description) {}

int Interpreter::eval_rule(const fides_eval_ctx* ctx, uint32_t rule, int64_t begin, int64_t end) const {
  Eval e(plan_, positions_, ctx);
  return e.run_rule(rule, begin, end);
}

int Interpreter::eval_scorecard(const fides_eval_ctx* ctx, uint32_t scorecard, int64_t begin, int64_t end) const {
  Eval e(plan_, positions_, ctx);
  return e.run_scorecard(scorecard, begin, end);
}

int Interpreter::eval_group(const fides_eval_ctx* ctx, uint32_t group_record, int64_t begin, int64_t end) const {
  Eval e(plan_, positions_, ctx);
  return e.run_group(group_record, begin, end);
}

host::Evaluator make_evaluator(const lower::Plan& plan, const PackView& view) {
  auto interp = std::make_shared<Interpreter>(plan);
  host::Evaluator ev;
  ev.pack = view.get();
  ev.eval_rule = [interp](const fides_eval_ctx* ctx, uint32_t i, int64_t b, int64_t e) {
    return interp->eval_rule(ctx, i, b, e);
  };
  ev.eval_scorecard = [interp](const fides_eval_ctx* ctx, uint32_t i, int64_t b, int64_t e) {
    return interp->eval_scorecard(ctx, i, b, e);
  };
  ev.eval_group = [interp](const fides_eval_ctx* ctx, uint32_t i, int64_t b, int64_t e) {
    return interp->eval_group(ctx, i, b, e);
  };
  return ev;
}

}  // namespace fides::interp
