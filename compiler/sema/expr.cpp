// Type checking and name resolution of expressions, with null narrowing.
#include <fmt/format.h>

#include <algorithm>

#include "ast/chains.h"
#include "ast/printer.h"
#include "sema/checker.h"

namespace fides::sema::detail {
namespace {

using ast::BinaryOp;
using ast::ExprKind;

const char* aggregate_name(ast::AggregateKind k) {
  switch (k) {
    case ast::AggregateKind::count: return "count";
    case ast::AggregateKind::exists: return "exists";
    case ast::AggregateKind::sum: return "sum";
    case ast::AggregateKind::min: return "min";
    case ast::AggregateKind::max: return "max";
    case ast::AggregateKind::avg: return "avg";
    case ast::AggregateKind::count_distinct: return "count(distinct …)";
    case ast::AggregateKind::first: return "first";
    case ast::AggregateKind::last: return "last";
    case ast::AggregateKind::median: return "median";
    case ast::AggregateKind::percentile: return "percentile";
    case ast::AggregateKind::stddev: return "stddev";
  }
  return "?";
}

bool orderable(const Type& t) {
  return t.is_numeric() || t.kind == TypeKind::date || t.kind == TypeKind::text || t.kind == TypeKind::severity;
}

// Numeric result of combining two numeric types: int only with int; money wins.
TypeKind numeric_join(TypeKind a, TypeKind b) {
  if (a == TypeKind::int_ && b == TypeKind::int_) return TypeKind::int_;
  if (a == TypeKind::money || b == TypeKind::money) return TypeKind::money;
  return TypeKind::decimal;
}

// Scoped additions to the narrowing facts.
struct FactScope {
  Ctx& c;
  size_t size;
  FactScope(Ctx& ctx, const std::vector<std::string>& add) : c(ctx), size(ctx.facts.size()) {
    c.facts.insert(c.facts.end(), add.begin(), add.end());
  }
  ~FactScope() { c.facts.resize(size); }
};

}  // namespace

// ---------------------------------------------------------------- helpers

bool Checker::assignable(const Type& from, const Type& to) {
  if (from.is_error() || to.is_error()) return true;
  if (from.kind == to.kind) {
    switch (from.kind) {
      case TypeKind::record: return from.record == to.record;
      case TypeKind::list: return from.elem == to.elem && from.record == to.record;
      case TypeKind::set: return from.elem == to.elem;
      case TypeKind::map: return from.elem == to.elem && from.value == to.value;
      default: return true;
    }
  }
  if (from.kind == TypeKind::int_) return to.kind == TypeKind::decimal || to.kind == TypeKind::money;
  if (from.kind == TypeKind::decimal) return to.kind == TypeKind::money;
  if (from.kind == TypeKind::money) return to.kind == TypeKind::decimal;
  return false;
}

void Checker::note_conversion(ExprId e, const Type& to) {
  const Type& from = p_.types[e.index];
  if (from.is_error() || to.is_error()) return;
  if (from.kind != to.kind || from.optional != to.optional) p_.conversions[e.index] = to;
}

bool Checker::require_present(ExprId e, const Localized& verb, const std::string& field) {
  const Type& t = p_.types[e.index];
  if (t.is_error() || !t.optional) return true;
  if (auto key = path_key(e)) {
    std::string path = text_of(e);
    Localized help = field.empty() ? say(Phrase::help_present_or_default, path)
                                   : say(Phrase::help_present_or_chain, path, path, field, path);
    diags_.error(DiagKind::optional_path_used, m_.span(e), path, tn(t), verb).with_help(help);
  } else {
    diags_.error(DiagKind::optional_value_used, m_.span(e), tn(t), verb)
        .with_help(field.empty() ? say(Phrase::help_default_example, text_of(e))
                                 : say(Phrase::help_chain_example, text_of(e), field));
  }
  return false;
}

Type Checker::check_as(ExprId e, Ctx& c, const Type& want, const Localized& what) {
  Type t = check(e, c);
  if (t.is_error() || want.is_error()) return Type::error();
  if (!assignable(t, want)) {
    diags_.error(DiagKind::type_mismatch, m_.span(e), what, tn(want), tn(t));
    return Type::error();
  }
  if (t.optional && !want.optional) {
    if (!require_present(e, say(Phrase::verb_used_as, what))) return Type::error();
  }
  note_conversion(e, want.with_optional(want.optional || t.optional));
  return want;
}

std::optional<std::string> Checker::path_key(ExprId e) const {
  const ast::Expr& x = m_.expr(e);
  const Resolution& r = p_.resolutions[e.index];
  if (x.kind == ExprKind::name) {
    switch (r.kind) {
      case RefKind::rule_let:
      case RefKind::scorecard_let:
      case RefKind::group_let:
      case RefKind::global_let:
      case RefKind::def_param:
      case RefKind::for_var:
      case RefKind::aggregate_var:
      case RefKind::param:
        return fmt::format("{}:{}:{}", static_cast<int>(r.kind), r.index, r.sub);
      default: return std::nullopt;
    }
  }
  if (x.kind == ExprKind::field && r.kind == RefKind::field) {
    auto base = path_key(x.kids[0]);
    if (!base) return std::nullopt;
    return *base + (x.flag ? "?." : ".") + x.name;
  }
  return std::nullopt;
}

// Facts (narrowed paths) that hold where e is true (truthy) or false. A
// work stack, not recursion: an `and` chain is as deep as it is long; the
// facts of an `and`/`or` node already checked come from logic_facts_.
void Checker::truthy_facts(ExprId e, std::vector<std::string>& out) const { collect_facts(e, true, out); }

void Checker::falsy_facts(ExprId e, std::vector<std::string>& out) const { collect_facts(e, false, out); }

void Checker::collect_facts(ExprId root, bool truthy, std::vector<std::string>& out) const {
  std::vector<std::pair<ExprId, bool>> todo{{root, truthy}};
  while (!todo.empty()) {
    auto [e, when_true] = todo.back();
    todo.pop_back();
    if (!e.valid()) continue;
    const ast::Expr& x = m_.expr(e);
    BinaryOp joins = when_true ? BinaryOp::and_ : BinaryOp::or_;
    if (when_true && x.kind == ExprKind::call && p_.resolutions[e.index].kind == RefKind::builtin &&
        static_cast<BuiltinId>(p_.resolutions[e.index].index) == BuiltinId::present && x.kids.size() == 1) {
      if (auto k = path_key(x.kids[0])) out.push_back(*k);
    } else if (x.kind == ExprKind::binary && x.binary_op == joins) {
      if (auto it = logic_facts_.find(e.index); it != logic_facts_.end()) {
        out.insert(out.end(), it->second.begin(), it->second.end());
        continue;
      }
      todo.push_back({x.kids[1], when_true});  // popped after kids[0]: facts in source order
      todo.push_back({x.kids[0], when_true});
    } else if (x.kind == ExprKind::unary && x.unary_op == ast::UnaryOp::not_) {
      todo.push_back({x.kids[0], !when_true});
    }
  }
}

bool Checker::apply_narrowing(ExprId e, Type& t, const Ctx& c) {
  if (!t.optional) return false;
  auto key = path_key(e);
  if (!key || std::find(c.facts.begin(), c.facts.end(), *key) == c.facts.end()) return false;
  t.optional = false;
  p_.narrowed[e.index] = 1;
  return true;
}

std::optional<Type> Checker::unify(const Type& a, const Type& b) const {
  if (a.is_error() || b.is_error()) return Type::error();
  bool opt = a.optional || b.optional;
  if (a.is_numeric() && b.is_numeric()) return Type::of(numeric_join(a.kind, b.kind), opt);
  if (assignable(a, b) && assignable(b, a)) return a.with_optional(opt);
  return std::nullopt;
}

// ---------------------------------------------------------------- dispatch

Type Checker::check(ExprId e, Ctx& c) {
  if (!e.valid()) return Type::error();
  if (auto it = chain_types_.find(e.index); it != chain_types_.end()) {
    Type ready = it->second;
    chain_types_.erase(it);
    return ready;
  }
  const ast::Expr& x = m_.expr(e);
  if (x.kind == ExprKind::binary && x.binary_op == BinaryOp::coalesce) return p_.types[e.index] = check_coalesce_chain(e, c);
  // A left-deep chain: check the nodes below e deepest first; each one's
  // check of its left operand then finds that operand's type ready.
  for (ExprId below : ast::chain_below(m_, e)) chain_types_[below.index] = check_node(below, c);
  return check_node(e, c);
}

Type Checker::check_node(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  Type t;
  switch (x.kind) {
    case ExprKind::int_lit: t = Type::of(TypeKind::int_); break;
    case ExprKind::decimal_lit: t = Type::of(TypeKind::decimal); break;
    case ExprKind::string_lit: t = Type::of(TypeKind::text); break;
    case ExprKind::date_lit: t = Type::of(TypeKind::date); break;
    case ExprKind::bool_lit: t = Type::of(TypeKind::bool_); break;
    case ExprKind::template_: t = check_template(e, c); break;
    case ExprKind::name: t = check_name(e, c); break;
    case ExprKind::field: t = check_field(e, c); break;
    case ExprKind::index: t = check_index(e, c); break;
    case ExprKind::unary: t = check_unary(e, c); break;
    case ExprKind::binary: t = check_binary(e, c); break;
    case ExprKind::if_: t = check_if(e, c); break;
    case ExprKind::call: t = check_call(e, c); break;
    case ExprKind::duration: {
      Type n = check_as(x.kids[0], c, Type::of(TypeKind::int_), say(Phrase::place_duration_count));
      t = n.is_error() ? Type::error() : Type::of(TypeKind::duration);
      break;
    }
    case ExprKind::aggregate: t = check_aggregate(e, c); break;
    case ExprKind::bins: t = check_bins(e, c); break;
    case ExprKind::set_lit:
    case ExprKind::map_lit: t = check_collection_literal(e, c); break;
  }
  p_.types[e.index] = t;
  return t;
}

// ---------------------------------------------------------------- names

Type Checker::check_name(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  const std::string& n = x.name;
  Resolution& res = p_.resolutions[e.index];
  Span span = m_.span(e);
  auto found = [&](Resolution r, Type t) {
    res = r;
    apply_narrowing(e, t, c);
    return t;
  };
  for (auto it = c.bindings.rbegin(); it != c.bindings.rend(); ++it)
    if (it->name == n) return found(it->res, it->type);

  // Rule / scorecard lets: visible after their declaration.
  if (c.local_lets) {
    const auto& lets = *c.local_lets;
    int visible = -1, later = -1;
    for (size_t i = 0; i < lets.size(); ++i) {
      if (lets[i].name.text != n) continue;
      bool before = lets[i].span.file.index == span.file.index && lets[i].span.end <= span.begin;
      if (before) visible = static_cast<int>(i);
      else if (later < 0) later = static_cast<int>(i);
    }
    if (visible >= 0 && static_cast<size_t>(visible) < c.checked_lets->size()) {
      RefKind k = c.owner == Ctx::Owner::rule        ? RefKind::rule_let
                  : c.owner == Ctx::Owner::scorecard ? RefKind::scorecard_let
                                                     : RefKind::group_let;
      return found({k, c.index, static_cast<uint32_t>(visible)}, (*c.checked_lets)[visible].type);
    }
    if (later >= 0) {
      diags_.error(DiagKind::used_before_declaration, span, n)
          .with_note(lets[later].span, say(Phrase::note_declared_here, n))
          .with_help(say(Phrase::help_move_let));
      return Type::error();
    }
  }
  if (auto it = let_by_name_.find(n); it != let_by_name_.end()) {
    uint32_t i = it->second;
    if (i >= c.visible_global_lets) {
      diags_.error(DiagKind::used_before_declaration, span, n)
          .with_note(m_.lets[i].span, say(Phrase::note_declared_here, n))
          .with_help(say(Phrase::help_move_let));
      return Type::error();
    }
    c.deps.push_back({let_node(i), span});
    return found({RefKind::global_let, i, 0}, p_.lets[i].type);
  }
  if (auto it = param_by_name_.find(n); it != param_by_name_.end())
    return found({RefKind::param, it->second, 0}, p_.params[it->second].type);
  if (auto it = table_by_name_.find(n); it != table_by_name_.end())
    return found({RefKind::table, it->second, 0}, p_.tables[it->second].type);
  Severity sev;
  if (severity_from_name(n, sev)) return found({RefKind::severity_lit, static_cast<uint32_t>(sev), 0}, Type::of(TypeKind::severity));
  if (auto it = record_by_name_.find(n); it != record_by_name_.end()) {
    diags_.error(DiagKind::record_not_a_value, span, n)
        .with_help(say(Phrase::help_aggregate_record, n));
    return Type::error();
  }
  if (def_by_name_.count(n) || is_builtin_name(n)) {
    diags_.error(DiagKind::function_not_a_value, span, n).with_help(say(Phrase::help_call_it, n));
    return Type::error();
  }
  if (c.quiet_unknown) return Type::error();
  std::vector<std::string> cands;
  for (auto& b : c.bindings) cands.push_back(b.name);
  if (c.local_lets)
    for (auto& l : *c.local_lets) cands.push_back(l.name.text);
  for (auto& [k, v] : let_by_name_) cands.push_back(k);
  for (auto& [k, v] : param_by_name_) cands.push_back(k);
  for (auto& [k, v] : table_by_name_) cands.push_back(k);
  std::sort(cands.begin(), cands.end());
  unknown(DiagKind::unknown_name, span, n, cands);
  return Type::error();
}

// Whether field access e may go on from its (optional) base as a step of an
// optional chain: `a?.f` on an optional a, or `.g` after a chain that is
// optional only because it may have stopped. Reports a misplaced `?.` or an
// optional field inside a chain; false with no report when it is no chain step.
bool Checker::check_chain_step(ExprId e, const Type& base) {
  const ast::Expr& x = m_.expr(e);
  ExprId b = x.kids[0];
  if (x.flag && !base.optional) {
    auto& d = diags_.error(DiagKind::optional_chain_not_optional, m_.span(e), text_of(b), tn(base));
    d.with_help(p_.narrowed[b.index] ? say(Phrase::help_present_proved, x.name)
                                     : say(Phrase::help_write_dot, x.name));
    return false;
  }
  if (!base.optional) return false;
  if (x.flag || chain_[b.index] == kChainOnly) return true;
  if (chain_[b.index] == kChainOptional) {
    diags_.error(DiagKind::optional_chain_optional_field, m_.span(b), text_of(b), tn(base), x.name)
        .with_help(say(Phrase::help_continue_chain, x.name));
    chain_[e.index] = kChainOptional;  // reported: the plain-access check must not say it again
  }
  return false;
}

Type Checker::check_field(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  Type base = check(x.kids[0], c);
  if (base.is_error()) return Type::error();
  Span nspan = x.name_span.file.valid() ? x.name_span : m_.span(e);
  bool chained = check_chain_step(e, base);
  if (!chained && (x.flag || chain_[e.index])) return Type::error();
  auto reach = [&] {
    return chained || require_present(x.kids[0], say(Phrase::verb_reach_field, x.name), x.name);
  };
  // In a chain the result is optional; the chain goes on with a plain `.` only
  // when the field itself is not optional.
  auto result = [&](Type t) {
    if (chained) {
      chain_[e.index] = t.optional ? kChainOptional : kChainOnly;
      t.optional = true;
    }
    if (apply_narrowing(e, t, c)) chain_[e.index] = 0;
    return t;
  };
  if (base.kind == TypeKind::record) {
    if (!reach()) return Type::error();
    const Record& r = p_.records[base.record.index];
    for (size_t i = 0; i < r.fields.size(); ++i) {
      if (r.fields[i].name != x.name) continue;
      p_.resolutions[e.index] = {RefKind::field, base.record.index, static_cast<uint32_t>(i)};
      return result(r.fields[i].type);
    }
    std::vector<std::string> names;
    for (auto& f : r.fields) names.push_back(f.name);
    unknown(DiagKind::unknown_field, nspan, x.name, names, r.name);
    return Type::error();
  }
  if (base.kind == TypeKind::finding) {
    if (!reach()) return Type::error();
    for (size_t i = 0; i < std::size(kFindingFieldNames); ++i) {
      if (x.name != kFindingFieldNames[i]) continue;
      p_.resolutions[e.index] = {RefKind::finding_field, static_cast<uint32_t>(i), 0};
      return result(finding_field_type(static_cast<FindingField>(i)));
    }
    std::vector<std::string> names(std::begin(kFindingFieldNames), std::end(kFindingFieldNames));
    diags_.error(DiagKind::unknown_finding_field, nspan, x.name)
        .with_help(did_you_mean(x.name, names).empty() ? say(Phrase::help_finding_fields, quoted_list(names))
                                                       : did_you_mean(x.name, names));
    return Type::error();
  }
  diags_.error(DiagKind::no_fields, nspan, tn(base), x.name);
  return Type::error();
}

Type Checker::check_index(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  Type map = check(x.kids[0], c);
  Type key = check(x.kids[1], c);
  if (map.is_error()) return Type::error();
  if (map.kind != TypeKind::map) {
    diags_.error(DiagKind::not_a_map, m_.span(x.kids[0]), tn(map));
    return Type::error();
  }
  if (key.is_error()) return Type::error();
  Type want = Type::of(map.elem);
  if (!assignable(key, want)) {
    diags_.error(DiagKind::type_mismatch, m_.span(x.kids[1]), say(Phrase::place_lookup_key), tn(want), tn(key));
    return Type::error();
  }
  if (!require_present(x.kids[1], say(Phrase::verb_map_key))) return Type::error();
  note_conversion(x.kids[1], want);
  return Type::of(map.value, !x.flag);
}

// ---------------------------------------------------------------- operators

Type Checker::check_unary(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  Type a = check(x.kids[0], c);
  if (a.is_error()) return Type::error();
  if (x.unary_op == ast::UnaryOp::not_) {
    if (a.kind != TypeKind::bool_) {
      diags_.error(DiagKind::bad_operand, m_.span(x.kids[0]), "not", tn(a));
      return Type::error();
    }
    if (!require_present(x.kids[0], say(Phrase::verb_negated))) return Type::error();
    return Type::of(TypeKind::bool_);
  }
  if (!a.is_numeric()) {
    diags_.error(DiagKind::bad_operand, m_.span(x.kids[0]), "-", tn(a));
    return Type::error();
  }
  if (!require_present(x.kids[0], say(Phrase::verb_computed))) return Type::error();
  return a.non_optional();
}

Type Checker::check_binary(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  BinaryOp op = x.binary_op;
  ExprId l = x.kids[0], r = x.kids[1];
  switch (op) {
    case BinaryOp::and_:
    case BinaryOp::or_: {
      Localized what = say(op == BinaryOp::and_ ? Phrase::place_and_operand : Phrase::place_or_operand);
      Type a = check_as(l, c, Type::of(TypeKind::bool_), what);
      std::vector<std::string> add;
      collect_facts(l, op == BinaryOp::and_, add);
      Type b;
      {
        FactScope scope(c, add);
        b = check_as(r, c, Type::of(TypeKind::bool_), what);
      }
      // This node's facts, for the node above it in a chain (collect_facts).
      collect_facts(r, op == BinaryOp::and_, add);
      std::sort(add.begin(), add.end());
      add.erase(std::unique(add.begin(), add.end()), add.end());
      logic_facts_[e.index] = std::move(add);
      if (a.is_error() || b.is_error()) return Type::error();
      return Type::of(TypeKind::bool_);
    }
    case BinaryOp::coalesce: return check_coalesce_chain(e, c);
    case BinaryOp::in:
    case BinaryOp::not_in: {
      Type a = check(l, c);
      Type s = check(r, c);
      if (a.is_error() || s.is_error()) return Type::error();
      if (s.kind != TypeKind::set && s.kind != TypeKind::map) {
        diags_.error(DiagKind::not_a_collection, m_.span(r), ast::binary_op_text(op), tn(s))
            .with_help(say(Phrase::help_in_needs_collection));
        return Type::error();
      }
      Type want = Type::of(s.elem);
      if (!assignable(a, want)) {
        diags_.error(DiagKind::type_mismatch, m_.span(l), say(Phrase::place_left_of, ast::binary_op_text(op)),
                     tn(want), tn(a));
        return Type::error();
      }
      if (!require_present(l, say(Phrase::verb_tested_with, ast::binary_op_text(op)))) return Type::error();
      note_conversion(l, want);
      return Type::of(TypeKind::bool_);
    }
    case BinaryOp::like: {
      Type a = check(l, c);
      Type b = check(r, c);
      if (a.is_error() || b.is_error()) return Type::error();
      if (a.kind != TypeKind::text || b.kind != TypeKind::text) {
        diags_.error(DiagKind::bad_operands, m_.span(a.kind != TypeKind::text ? l : r), "like", tn(a), tn(b))
            .with_help(say(Phrase::help_like_text));
        return Type::error();
      }
      bool ok = require_present(l, say(Phrase::verb_matched));
      ok = require_present(r, say(Phrase::verb_pattern)) && ok;
      return ok ? Type::of(TypeKind::bool_) : Type::error();
    }
    case BinaryOp::eq:
    case BinaryOp::ne:
    case BinaryOp::lt:
    case BinaryOp::le:
    case BinaryOp::gt:
    case BinaryOp::ge: {
      Type a = check(l, c);
      Type b = check(r, c);
      return check_compare(e, op, a, b);
    }
    case BinaryOp::add:
    case BinaryOp::sub:
    case BinaryOp::mul:
    case BinaryOp::div: {
      Type a = check(l, c);
      Type b = check(r, c);
      return check_arith(e, op, a, b);
    }
  }
  return Type::error();
}

// `a ?? b ?? … ?? z` is right-deep: check the left operands and the last
// default in source order, then combine from the innermost `??` out.
Type Checker::check_coalesce_chain(ExprId e, Ctx& c) {
  std::vector<ExprId> nodes{e};
  for (ExprId n = ast::chain_next(m_, e); n.valid(); n = ast::chain_next(m_, n)) nodes.push_back(n);
  std::vector<Type> lefts;
  for (ExprId n : nodes) lefts.push_back(check(m_.expr(n).kids[0], c));
  Type t = check(m_.expr(nodes.back()).kids[1], c);
  for (size_t i = nodes.size(); i-- > 0;) {
    t = coalesce_type(nodes[i], lefts[i], t);
    if (i > 0) p_.types[nodes[i].index] = t;
  }
  return t;
}

Type Checker::coalesce_type(ExprId e, Type a, Type b) {
  const ast::Expr& x = m_.expr(e);
  ExprId l = x.kids[0], r = x.kids[1];
  if (a.is_error() || b.is_error()) return Type::error();
  if (!a.optional) {
    diags_.error(DiagKind::coalesce_not_optional, m_.span(l), tn(a))
        .with_help(say(Phrase::help_remove_coalesce, text_of(r)));
    return Type::error();
  }
  auto u = unify(a.non_optional(), b);
  if (!u) {
    diags_.error(DiagKind::type_mismatch, m_.span(r), say(Phrase::place_coalesce_default), tn(a.non_optional()),
                 tn(b));
    return Type::error();
  }
  note_conversion(l, u->with_optional(true));
  note_conversion(r, u->with_optional(b.optional));
  return *u;
}

Type Checker::check_compare(ExprId e, BinaryOp op, Type a, Type b) {
  const ast::Expr& x = m_.expr(e);
  if (a.is_error() || b.is_error()) return Type::error();
  bool equality = op == BinaryOp::eq || op == BinaryOp::ne;
  std::optional<Type> common;
  if (a.is_numeric() && b.is_numeric()) common = Type::of(numeric_join(a.kind, b.kind));
  else if (a.kind == b.kind && (a.is_scalar() || (a.kind == TypeKind::record && a.record == b.record)))
    common = a.non_optional();
  if (!common) {
    diags_.error(DiagKind::incomparable, m_.span(e), tn(a), tn(b));
    return Type::error();
  }
  if (!equality && !orderable(*common)) {
    diags_.error(DiagKind::not_ordered, m_.span(e), tn(*common)).with_help(say(Phrase::help_only_equality));
    return Type::error();
  }
  bool ok = require_present(x.kids[0], say(Phrase::verb_compared));
  ok = require_present(x.kids[1], say(Phrase::verb_compared)) && ok;
  if (!ok) return Type::error();
  note_conversion(x.kids[0], *common);
  note_conversion(x.kids[1], *common);
  return Type::of(TypeKind::bool_);
}

Type Checker::check_arith(ExprId e, BinaryOp op, Type a, Type b) {
  const ast::Expr& x = m_.expr(e);
  if (a.is_error() || b.is_error()) return Type::error();
  std::optional<Type> result;
  Type conv_l, conv_r;
  if (a.is_numeric() && b.is_numeric()) {
    TypeKind k = op == BinaryOp::div ? TypeKind::decimal : numeric_join(a.kind, b.kind);
    result = Type::of(k);
    conv_l = conv_r = Type::of(op == BinaryOp::div && (a.kind == TypeKind::money || b.kind == TypeKind::money)
                                   ? TypeKind::decimal : k);
  } else if (op == BinaryOp::add && a.kind == TypeKind::text && b.kind == TypeKind::text) {
    result = conv_l = conv_r = Type::of(TypeKind::text);
  } else if ((op == BinaryOp::add || op == BinaryOp::sub) && a.kind == TypeKind::date && b.kind == TypeKind::duration) {
    result = Type::of(TypeKind::date);
    conv_l = a.non_optional();
    conv_r = b;
  } else if (op == BinaryOp::add && a.kind == TypeKind::duration && b.kind == TypeKind::date) {
    result = Type::of(TypeKind::date);
    conv_l = a;
    conv_r = b.non_optional();
  } else if (op == BinaryOp::sub && a.kind == TypeKind::date && b.kind == TypeKind::date) {
    result = Type::of(TypeKind::int_);
    conv_l = conv_r = Type::of(TypeKind::date);
  }
  if (!result) {
    auto& d = diags_.error(DiagKind::bad_operands, m_.span(e), ast::binary_op_text(op), tn(a), tn(b));
    if (a.kind == TypeKind::date && b.kind == TypeKind::int_)
      d.with_help(say(Phrase::help_days_unit, text_of(x.kids[1])));
    return Type::error();
  }
  bool ok = require_present(x.kids[0], say(Phrase::verb_computed));
  ok = require_present(x.kids[1], say(Phrase::verb_computed)) && ok;
  if (!ok) return Type::error();
  note_conversion(x.kids[0], conv_l);
  note_conversion(x.kids[1], conv_r);
  return *result;
}

Type Checker::check_if(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  Type cond = check_as(x.kids[0], c, Type::of(TypeKind::bool_), say(Phrase::place_if_condition));
  Type a, b;
  {
    std::vector<std::string> add;
    truthy_facts(x.kids[0], add);
    FactScope s(c, add);
    a = check(x.kids[1], c);
  }
  {
    std::vector<std::string> add;
    falsy_facts(x.kids[0], add);
    FactScope s(c, add);
    b = check(x.kids[2], c);
  }
  if (cond.is_error() || a.is_error() || b.is_error()) return Type::error();
  auto u = unify(a, b);
  if (!u) {
    diags_.error(DiagKind::branch_mismatch, m_.span(e), tn(a), tn(b));
    return Type::error();
  }
  note_conversion(x.kids[1], *u);
  note_conversion(x.kids[2], *u);
  return *u;
}

// ---------------------------------------------------------------- calls

Type Checker::check_call(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  Span nspan = x.name_span.file.valid() ? x.name_span : m_.span(e);
  if (auto it = def_by_name_.find(x.name); it != def_by_name_.end()) {
    uint32_t di = it->second;
    const Def& d = p_.defs[di];
    p_.resolutions[e.index] = {RefKind::def, di, 0};
    c.deps.push_back({def_node(di), nspan});
    if (x.kids.size() != d.params.size()) {
      for (ExprId k : x.kids) check(k, c);
      diags_.error(DiagKind::wrong_arity, nspan, x.name, d.params.size(), x.kids.size())
          .with_note(d.decl->name.span, say(Phrase::note_declared_here, x.name));
      return Type::error();
    }
    bool ok = true;
    for (size_t i = 0; i < x.kids.size(); ++i) {
      Type t = check_as(x.kids[i], c, d.params[i].type,
                        say(Phrase::place_def_argument, i + 1, d.params[i].name, x.name));
      ok = ok && !t.is_error();
    }
    return ok ? d.result : Type::error();
  }
  if (!is_builtin_name(x.name)) {
    for (ExprId k : x.kids) check(k, c);
    bool local = false;
    for (auto& b : c.bindings) local = local || b.name == x.name;
    if (local || let_by_name_.count(x.name) || param_by_name_.count(x.name) || table_by_name_.count(x.name)) {
      diags_.error(DiagKind::not_a_function, nspan, x.name, say(Phrase::found_value));
      return Type::error();
    }
    if (c.quiet_unknown) return Type::error();
    std::vector<std::string> cands;
    for (auto& [k, v] : def_by_name_) cands.push_back(k);
    for (auto& b : all_builtins()) cands.emplace_back(b.name);
    std::sort(cands.begin(), cands.end());
    unknown(DiagKind::unknown_function, nspan, x.name, cands);
    return Type::error();
  }
  if (x.name == "present") {
    p_.resolutions[e.index] = {RefKind::builtin, static_cast<uint32_t>(BuiltinId::present), 0};
    if (x.kids.size() != 1) {
      for (ExprId k : x.kids) check(k, c);
      diags_.error(DiagKind::wrong_arity, nspan, "present", 1, x.kids.size());
      return Type::error();
    }
    // The prefix of a path may be narrowed (present(d) and present(d.x)); a
    // path that is itself narrowed was optional where declared: no warning.
    Type t = check(x.kids[0], c);
    if (t.is_error()) return Type::error();
    if (!t.optional && !p_.narrowed[x.kids[0].index])
      diags_.warning(DiagKind::present_not_optional, m_.span(x.kids[0]), text_of(x.kids[0]), tn(t))
          .with_help(say(Phrase::help_present_always_true));
    return Type::of(TypeKind::bool_);
  }
  if (x.name == "text") {
    // text(x): any printable value, printed as in output files (§8, §9.3);
    // absent for an absent optional argument.
    p_.resolutions[e.index] = {RefKind::builtin, static_cast<uint32_t>(BuiltinId::text_of), 0};
    if (x.kids.size() != 1) {
      for (ExprId k : x.kids) check(k, c);
      diags_.error(DiagKind::wrong_arity, nspan, "text", 1, x.kids.size());
      return Type::error();
    }
    Type t = check(x.kids[0], c);
    if (t.is_error()) return Type::error();
    if (!t.is_scalar() && t.kind != TypeKind::record) {
      diags_.error(DiagKind::text_of_unprintable, m_.span(x.kids[0]), tn(t));
      return Type::error();
    }
    return Type::of(TypeKind::text, t.optional);
  }
  if (x.name == "hits") {
    p_.resolutions[e.index] = {RefKind::builtin, static_cast<uint32_t>(BuiltinId::hits), 0};
    c.uses_hits = true;
    if (x.kids.size() != 1) {
      for (ExprId k : x.kids) check(k, c);
      diags_.error(DiagKind::wrong_arity, nspan, "hits", 1, x.kids.size());
      return Type::error();
    }
    Type t = check(x.kids[0], c);
    if (t.is_error()) return Type::error();
    if (t.kind != TypeKind::record) {
      diags_.error(DiagKind::type_mismatch, m_.span(x.kids[0]), say(Phrase::place_hits_argument),
                   say(Phrase::want_record), tn(t));
      return Type::error();
    }
    if (!require_present(x.kids[0], say(Phrase::verb_passed_to, "hits"))) return Type::error();
    return Type::findings();
  }
  std::vector<Type> args;
  for (ExprId k : x.kids) args.push_back(check(k, c));
  return check_builtin_call(e, c, args);
}

namespace {

// Whether an argument of type t fits parameter code p ("int", "dec", …).
bool fits(std::string_view p, const Type& t) {
  if (p == "int") return t.kind == TypeKind::int_;
  if (p == "text") return t.kind == TypeKind::text;
  if (p == "date") return t.kind == TypeKind::date;
  if (p == "bool") return t.kind == TypeKind::bool_;
  if (p == "dec") return t.is_numeric();
  return false;
}

std::vector<std::string_view> split_params(std::string_view s) {
  std::vector<std::string_view> out;
  while (true) {
    size_t comma = s.find(',');
    out.push_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

Localized param_display(std::string_view p) {
  if (p == "dec") return say(Phrase::want_number);
  return Localized::same(std::string(p));
}

}  // namespace

Type Checker::check_builtin_call(ExprId e, Ctx& c, const std::vector<Type>& args) {
  const ast::Expr& x = m_.expr(e);
  Span nspan = x.name_span.file.valid() ? x.name_span : m_.span(e);
  for (const Type& t : args)
    if (t.is_error()) return Type::error();
  std::vector<const BuiltinInfo*> same_name, same_arity;
  for (const BuiltinInfo& b : all_builtins()) {
    if (b.name != x.name) continue;
    same_name.push_back(&b);
    if (b.arity == args.size()) same_arity.push_back(&b);
  }
  if (same_arity.empty()) {
    std::vector<Localized> arities;
    for (const BuiltinInfo* b : same_name) arities.push_back(Localized::same(std::to_string(b->arity)));
    Localized counts = join_alternatives(arities);
    diags_.error(DiagKind::wrong_arity, nspan, x.name, counts, args.size());
    return Type::error();
  }
  const BuiltinInfo* chosen = nullptr;
  for (const BuiltinInfo* b : same_arity) {
    auto ps = split_params(b->params);
    bool all = true;
    for (size_t i = 0; i < args.size(); ++i) all = all && fits(ps[i], args[i]);
    if (all) { chosen = b; break; }
  }
  if (!chosen) {
    if (same_arity.size() == 1) {
      auto ps = split_params(same_arity[0]->params);
      for (size_t i = 0; i < args.size(); ++i)
        if (!fits(ps[i], args[i]))
          diags_.error(DiagKind::type_mismatch, m_.span(x.kids[i]),
                       say(Phrase::place_builtin_argument, i + 1, x.name), param_display(ps[i]), tn(args[i]));
    } else {
      std::string types;
      for (size_t i = 0; i < args.size(); ++i) types += (i ? ", " : "") + tn(args[i]);
      diags_.error(DiagKind::no_matching_overload, nspan, x.name, types);
    }
    return Type::error();
  }
  p_.resolutions[e.index] = {RefKind::builtin, static_cast<uint32_t>(chosen->id), 0};
  bool ok = true;
  for (size_t i = 0; i < args.size(); ++i)
    ok = require_present(x.kids[i], say(Phrase::verb_passed_to, x.name)) && ok;
  if (!ok) return Type::error();
  bool any_money = false;
  auto ps = split_params(chosen->params);
  for (size_t i = 0; i < args.size(); ++i) {
    any_money = any_money || args[i].kind == TypeKind::money;
    if (ps[i] == "dec" && args[i].kind == TypeKind::int_) note_conversion(x.kids[i], Type::of(TypeKind::decimal));
  }
  std::string_view r = chosen->result;
  if (r == "int") return Type::of(TypeKind::int_);
  if (r == "bool") return Type::of(TypeKind::bool_);
  if (r == "text") return Type::of(TypeKind::text);
  if (r == "date") return Type::of(TypeKind::date);
  if (r == "decimal") return Type::of(TypeKind::decimal);
  if (r == "date?") return Type::of(TypeKind::date, true);
  if (r == "int?") return Type::of(TypeKind::int_, true);
  if (r == "decimal?") return Type::of(TypeKind::decimal, true);
  if (r == "text?") return Type::of(TypeKind::text, true);
  if (r == "$num") return Type::of(any_money ? TypeKind::money : TypeKind::decimal);
  return Type::error();
}

// ---------------------------------------------------------------- aggregates, bins, literals

Type Checker::check_aggregate(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  ast::AggregateKind k = x.aggregate_kind;
  const char* kname = aggregate_name(k);
  ExprId coll = x.kids.size() > 0 ? x.kids[0] : ExprId();
  ExprId where = x.kids.size() > 1 ? x.kids[1] : ExprId();
  ExprId value = x.kids.size() > 2 ? x.kids[2] : ExprId();
  ExprId order = x.kids.size() > 3 ? x.kids[3] : ExprId();
  ExprId rank = x.kids.size() > 4 ? x.kids[4] : ExprId();

  // The rank p of percentile, outside the aggregate's variable: an int
  // (0..100 is checked when it is evaluated).
  bool rank_ok = true;
  if (rank.valid()) {
    Type rt = check(rank, c);
    if (!rt.is_error() && rt.kind != TypeKind::int_) {
      diags_.error(DiagKind::percentile_rank_not_int, m_.span(rank), tn(rt))
          .with_help(say(Phrase::help_percentile_rank));
      rank_ok = false;
    } else {
      rank_ok = !rt.is_error() && require_present(rank, say(Phrase::verb_rank));
    }
  }

  // The collection: a record name (all rows), a [R] path, or hits(x).
  Type ct = Type::error();
  const ast::Expr& cx = m_.expr(coll);
  bool shadowed = false;
  if (cx.kind == ExprKind::name) {
    for (auto& b : c.bindings) shadowed = shadowed || b.name == cx.name;
    if (c.local_lets)
      for (auto& l : *c.local_lets) shadowed = shadowed || l.name.text == cx.name;
    shadowed = shadowed || let_by_name_.count(cx.name) || param_by_name_.count(cx.name) || table_by_name_.count(cx.name);
  }
  if (cx.kind == ExprKind::name && !shadowed && record_by_name_.count(cx.name)) {
    uint32_t r = record_by_name_.at(cx.name);
    if (c.owner == Ctx::Owner::group && p_.records[r].is_group())
      diags_.error(DiagKind::group_uses_group, m_.span(coll), m_.groups[c.index].name.text, cx.name)
          .with_help(say(Phrase::help_groups_from_input));
    p_.resolutions[coll.index] = {RefKind::record_rows, r, 0};
    ct = Type::rows(RecordId(r));
    p_.types[coll.index] = ct;
  } else {
    ct = check(coll, c);
    if (!ct.is_error() && ct.kind != TypeKind::list) {
      diags_.error(DiagKind::bad_aggregate_collection, m_.span(coll), kname, tn(ct));
      ct = Type::error();
    }
  }
  Type elem = ct.is_error() ? Type::error()
              : ct.elem == TypeKind::finding ? Type::of(TypeKind::finding) : Type::rec(ct.record);
  c.bindings.push_back({x.name, {RefKind::aggregate_var, e.index, 0}, elem});
  struct Pop { Ctx& c; ~Pop() { c.bindings.pop_back(); } } pop{c};

  Type wt = Type::of(TypeKind::bool_);
  if (where.valid()) wt = check_as(where, c, Type::of(TypeKind::bool_), say(Phrase::place_where));
  std::vector<std::string> add;
  truthy_facts(where, add);
  FactScope scope(c, add);

  Type vt = Type::of(TypeKind::int_);
  if (value.valid()) {
    vt = check(value, c);
    if (!vt.is_error()) {
      bool fine = false;
      switch (k) {
        case ast::AggregateKind::sum:
        case ast::AggregateKind::avg:
        case ast::AggregateKind::median:
        case ast::AggregateKind::percentile:
        case ast::AggregateKind::stddev: fine = vt.is_numeric(); break;
        case ast::AggregateKind::min:
        case ast::AggregateKind::max: fine = orderable(vt); break;
        case ast::AggregateKind::count_distinct: fine = vt.is_scalar() || vt.kind == TypeKind::record; break;
        default: fine = true;
      }
      if (!fine) {
        diags_.error(DiagKind::bad_aggregate_value, m_.span(e), kname, tn(vt));
        vt = Type::error();
      } else if (!require_present(value, say(Phrase::verb_aggregated, kname))) {
        vt = Type::error();
      }
    }
  }
  if (order.valid()) {
    Type ot = check(order, c);
    if (!ot.is_error()) {
      if (!orderable(ot)) diags_.error(DiagKind::not_orderable_key, m_.span(order), tn(ot));
      else require_present(order, say(Phrase::verb_order_rows));
    }
  }
  if (ct.is_error() || wt.is_error() || vt.is_error() || !rank_ok) return Type::error();
  switch (k) {
    case ast::AggregateKind::count:
    case ast::AggregateKind::count_distinct: return Type::of(TypeKind::int_);
    case ast::AggregateKind::exists: return Type::of(TypeKind::bool_);
    case ast::AggregateKind::sum: return vt.non_optional();
    case ast::AggregateKind::min:
    case ast::AggregateKind::max: return vt.with_optional(true);
    case ast::AggregateKind::avg:
    case ast::AggregateKind::median:
    case ast::AggregateKind::percentile:
      return Type::of(vt.kind == TypeKind::money ? TypeKind::money : TypeKind::decimal, true);
    case ast::AggregateKind::stddev: return Type::of(TypeKind::decimal, true);
    case ast::AggregateKind::first:
    case ast::AggregateKind::last: return elem.with_optional(true);
  }
  return Type::error();
}

Type Checker::check_bins(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  size_t bands = x.band_ops.size();
  Type subject = check(x.kids[0], c);
  bool ok = !subject.is_error();
  if (ok && !require_present(x.kids[0], say(Phrase::verb_binned))) ok = false;
  std::optional<Type> result;
  auto add_value = [&](ExprId v) {
    Type t = check(v, c);
    if (t.is_error()) { ok = false; return; }
    if (!result) { result = t; return; }
    if (result->is_error()) return;
    auto u = unify(*result, t);
    if (!u) {
      diags_.error(DiagKind::bins_band_mismatch, m_.span(v), tn(*result), tn(t));
      ok = false;
      result = Type::error();
      return;
    }
    result = *u;
  };
  for (size_t i = 0; i < bands && 2 + 2 * i < x.kids.size(); ++i) {
    ExprId bound = x.kids[1 + 2 * i];
    Type bt = check(bound, c);
    if (ok && !bt.is_error()) {
      bool comparable = (subject.is_numeric() && bt.is_numeric()) ||
                        (subject.kind == bt.kind && subject.is_scalar());
      bool ordered = x.band_ops[i] == BinaryOp::eq || x.band_ops[i] == BinaryOp::ne || orderable(subject);
      if (!comparable) {
        diags_.error(DiagKind::incomparable, m_.span(bound), tn(subject), tn(bt));
        ok = false;
      } else if (!ordered) {
        diags_.error(DiagKind::not_ordered, m_.span(bound), tn(subject));
        ok = false;
      } else if (!require_present(bound, say(Phrase::verb_band_bound))) {
        ok = false;
      } else if (subject.is_numeric()) {
        Type common = Type::of(numeric_join(subject.kind, bt.kind));
        note_conversion(bound, common);
      }
    } else if (bt.is_error()) {
      ok = false;
    }
    add_value(x.kids[2 + 2 * i]);
  }
  if (x.kids.size() == 2 + 2 * bands) {
    add_value(x.kids.back());
  } else {
    if (!already_reported(DiagKind::bins_without_otherwise, m_.span(e)))
      diags_.error(DiagKind::bins_without_otherwise, m_.span(e)).with_help(say(Phrase::help_add_otherwise_value));
    ok = false;
  }
  if (!ok || !result || result->is_error()) return Type::error();
  for (size_t i = 0; i < bands; ++i) note_conversion(x.kids[2 + 2 * i], *result);
  if (x.kids.size() == 2 + 2 * bands) note_conversion(x.kids.back(), *result);
  return *result;
}

Type Checker::check_collection_literal(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  bool is_map = x.kind == ExprKind::map_lit;
  size_t stride = is_map ? 2 : 1;
  std::optional<Type> kt, vt;
  bool ok = true;
  for (size_t i = 0; i < x.kids.size(); ++i) {
    Type t = check(x.kids[i], c);
    if (t.is_error()) { ok = false; continue; }
    if (!t.is_scalar()) {
      diags_.error(DiagKind::type_mismatch, m_.span(x.kids[i]), say(Phrase::place_literal_element),
                   say(Phrase::want_plain_value), tn(t));
      ok = false;
      continue;
    }
    if (!require_present(x.kids[i], say(Phrase::verb_in_literal))) { ok = false; continue; }
    std::optional<Type>& slot = (i % stride == 0) ? kt : vt;
    if (!slot) { slot = t; continue; }
    auto u = unify(*slot, t);
    if (!u) {
      diags_.error(DiagKind::mixed_elements, m_.span(x.kids[i]), tn(*slot), tn(t));
      ok = false;
      continue;
    }
    slot = *u;
  }
  if (!ok) return Type::error();
  TypeKind k = kt ? kt->kind : TypeKind::text;
  for (size_t i = 0; i < x.kids.size(); i += stride) note_conversion(x.kids[i], Type::of(k));
  if (!is_map) return Type::set_of(k);
  TypeKind v = vt ? vt->kind : TypeKind::text;
  for (size_t i = 1; i < x.kids.size(); i += 2) note_conversion(x.kids[i], Type::of(v));
  return Type::map_of(k, v);
}

Type Checker::check_template(ExprId e, Ctx& c) {
  const ast::Expr& x = m_.expr(e);
  bool ok = true;
  for (ExprId part : x.kids) {
    Type t = check(part, c);
    if (t.is_error()) { ok = false; continue; }
    if (!t.is_scalar()) {
      auto& d = diags_.error(DiagKind::not_printable, m_.span(part), tn(t));
      if (t.kind == TypeKind::record && !t.optional)
        d.with_help(say(Phrase::help_print_field, text_of(part),
                        p_.records[t.record.index].fields.empty()
                            ? std::string("id")
                            : p_.records[t.record.index].fields[p_.records[t.record.index].key_field].name));
      ok = false;
    }
  }
  return ok ? Type::of(TypeKind::text) : Type::error();
}

}  // namespace fides::sema::detail
