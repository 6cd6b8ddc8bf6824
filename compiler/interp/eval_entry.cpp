// Rules and scorecards, one subject at a time (docs/evaluation.md).
#include "interp/eval.h"

namespace fides::interp {

Eval::Eval(const lower::Plan& plan, const SourcePositions& positions, const fides_eval_ctx* ctx)
    : plan_(plan), p_(*plan.program), m_(*plan.program->module), positions_(positions), ctx_(ctx) {
  fides_arena_init(&arena_, 0);
  global_state_.assign(p_.lets.size(), 0);
  global_values_.assign(p_.lets.size(), V{});
}

Eval::~Eval() { fides_arena_free(&arena_); }

void Eval::start_subject(int64_t row, const std::vector<sema::Let>* lets) {
  fides_arena_reset(&arena_);
  subject_ = row;
  local_lets_ = lets;
  local_state_.assign(lets ? lets->size() : 0, 0);
  local_values_.assign(lets ? lets->size() : 0, V{});
  std::fill(global_state_.begin(), global_state_.end(), 0);
  bound_.clear();
  frames_.clear();
  literals_.clear();
  score_ = V{};
  error_.clear();
}

void Eval::report_error(uint32_t kind, uint32_t index, int64_t row) {
  ctx_->out->error(ctx_->sink, kind, index, row, error_.data(), static_cast<int64_t>(error_.size()));
}

// effective → when → amount, points, message. False on an evaluation error.
bool Eval::rule_subject(const sema::Rule& r, bool& skipped, bool& hit, V& amount, V& points, V& message) {
  skipped = hit = false;
  if (r.effective) {
    const sema::Effective& eff = *r.effective;
    V from, to, by;
    if (eff.from.valid() && !used(eff.from, from)) return false;
    if (eff.to.valid() && !used(eff.to, to)) return false;
    if (!used(eff.by, by)) return false;
    if ((eff.from.valid() && by.i < from.i) || (eff.to.valid() && by.i > to.i)) {
      skipped = true;
      return true;
    }
  }
  V when;
  if (!used(r.when, when)) return false;
  if (!when.i) return true;
  hit = true;
  amount = V::of(0);
  points = V::of(0);
  message = V::text({"", 0});
  if (r.amount.valid() && !used(r.amount, amount)) return false;
  if (r.points.valid() && !used(r.points, points)) return false;
  if (r.message.valid() && !used(r.message, message)) return false;
  return true;
}

int Eval::run_rule(uint32_t index, int64_t begin, int64_t end) {
  const sema::Rule& r = p_.rules[index];
  for (int64_t row = begin; row < end; ++row) {
    start_subject(row, &r.lets);
    bool skipped, hit;
    V amount, points, message;
    if (!rule_subject(r, skipped, hit, amount, points, message)) {
      if (oom_) return FIDES_ERR_NOMEM;
      report_error(FIDES_ERROR_RULE, index, row);
      continue;
    }
    if (hit)
      ctx_->out->finding(ctx_->sink, index, row, amount.i, points.i, message.s.ptr ? message.s.ptr : "",
                         message.s.len);
  }
  return 0;
}

// base, the items in order (each clamped), score = base + Σ items, then the
// first grade band that holds with `score` bound.
bool Eval::scorecard_subject(const sema::Scorecard& s, int64_t& score, uint32_t& grade, std::vector<int64_t>& items) {
  bool is_int = s.score_type.kind == TypeKind::int_;
  V base = V::of(0);
  ExprId base_e = s.base;
  if (base_e.valid() && !used(base_e, base)) return false;
  items.assign(s.items.size(), 0);
  for (size_t k = 0; k < s.items.size(); ++k) {
    const sema::ScoreItem& item = s.items[k];
    V v;
    if (!used(item.value, v)) return false;
    int64_t x = v.i;
    if (item.limit_low && item.limit_high)
      x = is_int ? fides_int_clamp(x, item.limit_low->i, item.limit_high->i)
                 : fides_dec_clamp(x, item.limit_low->i, item.limit_high->i);
    items[k] = x;
  }
  score = base.i;
  for (size_t k = 0; k < items.size(); ++k) {
    int st = is_int ? fides_int_add(score, items[k], &score) : fides_dec_add(score, items[k], &score);
    if (st != FIDES_OK) return fail(s.items[k].value, st);
  }
  score_ = V::of(score);
  grade = 0;
  for (size_t g = 0; g < s.grades.size(); ++g) {
    if (!s.grades[g].condition.valid()) {
      grade = static_cast<uint32_t>(g);
      break;
    }
    V c;
    if (!used(s.grades[g].condition, c)) return false;
    if (c.i) {
      grade = static_cast<uint32_t>(g);
      break;
    }
  }
  return true;
}

int Eval::run_scorecard(uint32_t index, int64_t begin, int64_t end) {
  const sema::Scorecard& s = p_.scorecards[index];
  std::vector<int64_t> items;
  for (int64_t row = begin; row < end; ++row) {
    start_subject(row, &s.lets);
    int64_t score = 0;
    uint32_t grade = 0;
    if (!scorecard_subject(s, score, grade, items)) {
      if (oom_) return FIDES_ERR_NOMEM;
      report_error(FIDES_ERROR_SCORECARD, index, row);
      continue;
    }
    ctx_->out->score(ctx_->sink, index, row, score, grade, items.data());
  }
  return 0;
}

// `where`, then the keys in order; a row with an absent key is no member.
bool Eval::group_member(const sema::Group& g, bool& member, std::vector<int64_t>& values,
                        std::vector<fides_str>& texts) {
  member = false;
  if (g.where.valid()) {
    V w;
    if (!used(g.where, w)) return false;
    if (!w.i) return true;
  }
  for (size_t k = 0; k < g.keys.size(); ++k) {
    V v;
    if (!eval(g.keys[k], v)) return false;
    if (!v.present) return true;
    values[k] = v.i;
    texts[k] = v.s;
  }
  member = true;
  return true;
}

int Eval::run_group(uint32_t group_record, int64_t begin, int64_t end) {
  const sema::Group& g = p_.groups[p_.records[group_record].group];
  std::vector<int64_t> values(g.keys.size());
  std::vector<fides_str> texts(g.keys.size());
  for (int64_t row = begin; row < end; ++row) {
    start_subject(row, &g.lets);
    bool member = false;
    if (!group_member(g, member, values, texts)) {
      if (oom_) return FIDES_ERR_NOMEM;
      report_error(FIDES_ERROR_GROUP, group_record, row);
      continue;
    }
    if (member) ctx_->out->group_member(ctx_->sink, group_record, row, values.data(), texts.data());
  }
  return 0;
}

bool Eval::fail(ExprId at, int status) {
  if (status == FIDES_ERR_NOMEM) {
    oom_ = true;
    return false;
  }
  return fail(at, std::string(fides_status_message(status)));
}

bool Eval::fail(ExprId at, const std::string& message) {
  error_ = message + " at " + positions_.describe(m_.span(at));
  return false;
}

}  // namespace fides::interp
