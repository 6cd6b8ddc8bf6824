#include "host/evaluator.h"

namespace fides::host {

Evaluator evaluator_of(const fides_pack& pack) {
  Evaluator e;
  e.pack = &pack;
  fides_eval_fn rule = pack.eval_rule, scorecard = pack.eval_scorecard, group = pack.eval_group;
  if (rule) e.eval_rule = [rule](const fides_eval_ctx* c, uint32_t i, int64_t b, int64_t n) { return rule(c, i, b, n); };
  if (scorecard)
    e.eval_scorecard = [scorecard](const fides_eval_ctx* c, uint32_t i, int64_t b, int64_t n) {
      return scorecard(c, i, b, n);
    };
  if (group)
    e.eval_group = [group](const fides_eval_ctx* c, uint32_t i, int64_t b, int64_t n) { return group(c, i, b, n); };
  return e;
}

}  // namespace fides::host
