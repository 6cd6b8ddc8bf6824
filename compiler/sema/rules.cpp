// Rules and scorecards: their clauses, scopes and narrowing from `when`.
#include <fmt/format.h>

#include "sema/checker.h"

namespace fides::sema::detail {
namespace {

const std::vector<std::string> kSeverities = {"info", "low", "medium", "high", "critical"};

}  // namespace

void bind_for(Checker& k, Ctx& c, const std::optional<ast::ForClause>& f, Phrase what,
                     const ast::Ident& owner, RecordId& record, std::string& var) {
  if (!f) {
    k.diags_.error(DiagKind::missing_for, owner.span, say(what), owner.text).with_help(say(Phrase::help_add_for));
    c.quiet_unknown = true;
    return;
  }
  var = f->var.text;
  Type t = Type::error();
  if (auto it = k.record_by_name_.find(f->record.text); it != k.record_by_name_.end()) {
    record = RecordId(it->second);
    t = Type::rec(record);
    k.note_use(NameUse::Kind::record, it->second, 0, f->record.span);
  } else {
    std::vector<std::string> names;
    for (auto& r : k.p_.records) names.push_back(r.name);
    k.unknown(DiagKind::unknown_record, f->record.span, f->record.text, names);
  }
  c.bindings.push_back({var, {RefKind::for_var, record.valid() ? record.index : 0, 0}, t});
}

void check_lets(Checker& k, Ctx& c, const std::vector<ast::LetDecl>& lets, std::vector<Let>& out,
                       const std::string& for_var, const std::optional<ast::ForClause>& f) {
  std::unordered_map<std::string, Span> seen;
  if (f) seen.emplace(for_var, f->var.span);
  for (const ast::LetDecl& l : lets) {
    auto [it, fresh] = seen.emplace(l.name.text, l.name.span);
    if (!fresh) k.duplicate(Phrase::decl_let, l.name.text, l.name.span, it->second);
    Let checked;
    checked.name = l.name.text;
    checked.value = l.value;
    checked.type = k.check(l.value, c);
    out.push_back(std::move(checked));
  }
}

void Checker::check_rules() {
  for (uint32_t i = 0; i < m_.rules.size(); ++i) {
    const ast::RuleDecl& d = m_.rules[i];
    auto [it, fresh] = rule_by_name_.emplace(d.id.text, i);
    if (!fresh) duplicate(Phrase::decl_rule, d.id.text, d.id.span, m_.rules[it->second].id.span);
    check_rule(i);
  }
}

void Checker::check_rule(uint32_t i) {
  const ast::RuleDecl& d = m_.rules[i];
  Rule r;
  r.id = d.id.text;
  r.title = d.title ? d.title->value : "";
  r.category = d.category ? d.category->value : "";
  r.decl = &d;
  if (d.severity) {
    Severity s;
    if (severity_from_name(d.severity->text, s)) r.severity = s;
    else unknown(DiagKind::unknown_severity, d.severity->span, d.severity->text, kSeverities)
             .with_note(Span{}, say(Phrase::note_severities));
  }
  if (d.verdict) {
    if (d.verdict->text == "definite") r.verdict = Verdict::definite;
    else if (d.verdict->text == "suspicious") r.verdict = Verdict::suspicious;
    else unknown(DiagKind::unknown_verdict, d.verdict->span, d.verdict->text, {"definite", "suspicious"})
             .with_note(Span{}, say(Phrase::note_verdicts));
  }
  Ctx c;
  c.owner = Ctx::Owner::rule;
  c.index = i;
  c.local_lets = &d.lets;
  c.checked_lets = &r.lets;
  bind_for(*this, c, d.for_, Phrase::decl_rule, d.id, r.record, r.var);
  check_lets(*this, c, d.lets, r.lets, r.var, d.for_);

  if (d.effective) {
    const ast::EffectiveClause& e = *d.effective;
    if (!e.from.valid() && !e.to.valid() && !already_reported(DiagKind::effective_without_bound, d.span))
      diags_.error(DiagKind::effective_without_bound, e.span).with_help(say(Phrase::help_effective_forms));
    if (e.from.valid()) check_as(e.from, c, Type::of(TypeKind::date), say(Phrase::place_effective_start));
    if (e.to.valid()) check_as(e.to, c, Type::of(TypeKind::date), say(Phrase::place_effective_end));
    if (e.by.valid()) check_as(e.by, c, Type::of(TypeKind::date), say(Phrase::place_effective_by));
    r.effective = Effective{e.from, e.to, e.by};
  }
  r.when = d.when;
  if (!d.when.valid()) {
    // A `when` too large to keep was dropped by the parser, which said so.
    if (!already_reported(DiagKind::expression_too_large, d.span))
      diags_.error(DiagKind::missing_when, d.id.span, r.id).with_help(say(Phrase::help_add_when));
  } else {
    check_as(d.when, c, Type::of(TypeKind::bool_), say(Phrase::place_when));
  }
  // present(e) as a top-level conjunct of `when` narrows e in amount, points and message.
  std::vector<std::string> facts;
  truthy_facts(d.when, facts);
  c.facts.insert(c.facts.end(), facts.begin(), facts.end());
  r.amount = d.amount;
  if (d.amount.valid()) {
    Type t = check(d.amount, c);
    if (!t.is_error() && !t.is_numeric())
      diags_.error(DiagKind::type_mismatch, m_.span(d.amount), say(Phrase::place_amount), say(Phrase::want_numeric),
                   tn(t));
    else if (!t.is_error() && require_present(d.amount, say(Phrase::verb_used_as, say(Phrase::place_amount))))
      note_conversion(d.amount, Type::of(TypeKind::money));
  }
  r.points = d.points;
  if (d.points.valid()) check_as(d.points, c, Type::of(TypeKind::int_), say(Phrase::place_points));
  r.message = d.message;
  if (d.message.valid()) check(d.message, c);

  bool hits = c.uses_hits;
  for (auto [n, use] : c.deps) hits = hits || node_uses_hits_[n];
  r.uses_hits = hits;
  p_.rules.push_back(std::move(r));
}

// The count inside a `reasons N` clause's span (the clause span when it cannot be found).
Span Checker::count_span(Span clause) const {
  std::string t = text_of(clause);
  size_t from = t.rfind("reasons") == std::string::npos ? 0 : t.rfind("reasons") + 7;
  size_t b = t.find_first_of("-0123456789", from);
  if (b == std::string::npos) return clause;
  size_t e = t.find_first_not_of("-0123456789", b);
  if (e == std::string::npos) e = t.size();
  return Span{clause.file, clause.begin + static_cast<uint32_t>(b), clause.begin + static_cast<uint32_t>(e)};
}

void Checker::check_scorecards() {
  for (uint32_t i = 0; i < m_.scorecards.size(); ++i) {
    const ast::ScorecardDecl& d = m_.scorecards[i];
    auto [it, fresh] = scorecard_by_name_.emplace(d.name.text, i);
    if (!fresh) duplicate(Phrase::decl_scorecard, d.name.text, d.name.span, m_.scorecards[it->second].name.span);
    check_scorecard(i);
  }
}

void Checker::check_scorecard(uint32_t i) {
  const ast::ScorecardDecl& d = m_.scorecards[i];
  Scorecard s;
  s.name = d.name.text;
  s.title = d.title ? d.title->value : "";
  s.decl = &d;
  Ctx c;
  c.owner = Ctx::Owner::scorecard;
  c.index = i;
  c.local_lets = &d.lets;
  c.checked_lets = &s.lets;
  bind_for(*this, c, d.for_, Phrase::decl_scorecard, d.name, s.record, s.var);
  check_lets(*this, c, d.lets, s.lets, s.var, d.for_);

  bool all_int = true;
  auto numeric = [&](ExprId e, Phrase what) {
    Type t = check(e, c);
    if (t.is_error()) return t;
    if (!t.is_numeric()) {
      diags_.error(DiagKind::type_mismatch, m_.span(e), say(what), say(Phrase::want_numeric), tn(t));
      return Type::error();
    }
    if (!require_present(e, say(Phrase::verb_used_as, say(what)))) return Type::error();
    all_int = all_int && t.kind == TypeKind::int_;
    return t;
  };
  // A numeric literal limit: int when written as one, else decimal.
  auto limit = [&](ExprId e, std::optional<Value>& out) {
    Value v;
    if (constant(e, TypeKind::int_, v)) { out = v; p_.types[e.index] = Type::of(TypeKind::int_); return; }
    if (constant(e, TypeKind::decimal, v)) {
      out = v;
      all_int = false;
      p_.types[e.index] = Type::of(TypeKind::decimal);
      return;
    }
    diags_.error(DiagKind::limit_not_constant, m_.span(e)).with_help(say(Phrase::help_limit_numbers));
  };
  s.base = d.base;
  if (d.base.valid()) numeric(d.base, Phrase::place_base);
  std::unordered_map<std::string, Span> labels;
  for (const ast::ScoreItem& it : d.items) {
    auto [pos, fresh] = labels.emplace(it.label.value, it.label.span);
    if (!fresh) duplicate(Phrase::decl_item, it.label.value, it.label.span, pos->second);
    ScoreItem item;
    item.label = it.label.value;
    item.value = it.value;
    item.type = numeric(it.value, Phrase::place_item);
    if (it.limit_low.valid()) limit(it.limit_low, item.limit_low);
    if (it.limit_high.valid()) limit(it.limit_high, item.limit_high);
    if (item.limit_low && item.limit_high) {
      auto scaled = [](const Value& v) { return v.kind == TypeKind::int_ ? (__int128)v.i * 1000000 : (__int128)v.i; };
      if (scaled(*item.limit_low) > scaled(*item.limit_high))
        diags_.error(DiagKind::limit_out_of_order,
                     Span{it.span.file, m_.span(it.limit_low).begin, m_.span(it.limit_high).end},
                     text_of(it.limit_low), text_of(it.limit_high))
            .with_help(say(Phrase::help_lower_bound_first));
    }
    s.items.push_back(std::move(item));
  }
  s.score_type = Type::of(all_int ? TypeKind::int_ : TypeKind::decimal);
  // Everything summed into the score is converted to the score type.
  if (d.base.valid() && !p_.types[d.base.index].is_error()) note_conversion(d.base, s.score_type);
  for (ScoreItem& item : s.items) {
    if (!item.type.is_error()) note_conversion(item.value, s.score_type);
    for (auto* lim : {&item.limit_low, &item.limit_high}) {
      if (!*lim || all_int) continue;
      if ((*lim)->kind == TypeKind::int_) (*lim)->i *= 1000000;
      (*lim)->kind = TypeKind::decimal;
    }
  }

  c.bindings.push_back({"score", {RefKind::score, i, 0}, s.score_type});
  bool saw_otherwise = false;
  for (size_t g = 0; g < d.grades.size(); ++g) {
    const ast::GradeBand& band = d.grades[g];
    s.grades.push_back({band.grade.value, band.condition});
    if (!band.condition.valid()) {
      if (g + 1 != d.grades.size() && !already_reported(DiagKind::band_after_otherwise, d.span))
        diags_.error(DiagKind::band_after_otherwise, d.grades[g + 1].span, d.grades[g + 1].grade.value)
            .with_help(say(Phrase::help_bands_in_order));
      saw_otherwise = true;
      continue;
    }
    check_as(band.condition, c, Type::of(TypeKind::bool_), say(Phrase::place_grade_condition));
  }
  if (!d.grades.empty() && !saw_otherwise && !already_reported(DiagKind::grade_without_otherwise, d.span)) {
    Span at = d.grade_span.file.valid() ? d.grade_span : d.name.span;
    diags_.error(DiagKind::grade_without_otherwise, at, s.name).with_help(say(Phrase::help_add_grade_otherwise));
  }
  if (d.reasons) {
    if (d.reasons->count <= 0)
      diags_.error(DiagKind::reasons_not_positive, count_span(d.reasons->span), d.reasons->count)
          .with_help(say(Phrase::help_reasons_example));
    s.reasons = d.reasons->count;
    s.reasons_highest = d.reasons->highest;
  }
  p_.scorecards.push_back(std::move(s));
}

}  // namespace fides::sema::detail
