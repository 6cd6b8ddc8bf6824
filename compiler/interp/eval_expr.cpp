// Expressions: literals, names, fields, lookups, operators, if, templates,
// literals of sets and maps. Calls, aggregates and bins are in their own files.
#include <cassert>

#include "ast/chains.h"
#include "interp/eval.h"

namespace fides::interp {

using ast::BinaryOp;
using ast::ExprKind;
using sema::RefKind;
using sema::TypeKind;

const fides_column& Eval::column(uint32_t record, uint32_t field) const {
  int32_t c = plan_.column(sema::RecordId(record), field);
  assert(c >= 0);
  return ctx_->records[record].columns[c];
}

bool Eval::used(ExprId e, V& out) { return eval(e, out) && convert(e, out); }

// The implicit conversions sema recorded: int → decimal/money can overflow;
// decimal ↔ money and T → T? change nothing in the representation.
bool Eval::convert(ExprId e, V& v) {
  const auto& to = p_.conversions[e.index];
  if (!to || !v.present) return true;
  TypeKind from = p_.types[e.index].kind;
  if (from == TypeKind::int_ && (to->kind == TypeKind::decimal || to->kind == TypeKind::money)) {
    int st = fides_int_to_dec(v.i, &v.i);
    if (st != FIDES_OK) return fail(e, st);
  }
  return true;
}

bool Eval::eval(ExprId e, V& out) {
  if (auto it = chain_values_.find(e.index); it != chain_values_.end()) {
    out = it->second;
    chain_values_.erase(it);
    return true;
  }
  // A left-deep chain (`a + b + …`, `a and b and …`): evaluate the nodes below
  // e deepest first. Each node evaluates its left operand first, so order and
  // errors are those of the recursion, without its depth.
  const ast::Expr& top = m_.expr(e);
  if (!(top.kind == ExprKind::binary && top.binary_op == BinaryOp::coalesce)) {
    std::vector<ExprId> below = ast::chain_below(m_, e);
    for (ExprId n : below) {
      V v;
      if (!eval_node(n, v)) {
        for (ExprId stale : below) chain_values_.erase(stale.index);
        return false;
      }
      chain_values_[n.index] = v;
    }
  }
  return eval_node(e, out);
}

bool Eval::eval_node(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  switch (x.kind) {
    case ExprKind::int_lit:
    case ExprKind::decimal_lit:
    case ExprKind::date_lit:
    case ExprKind::bool_lit: out = V::of(x.int_value); return true;
    case ExprKind::string_lit:
      out = V::text({x.text.data(), static_cast<int64_t>(x.text.size())});
      return true;
    case ExprKind::template_: return eval_template(e, out);
    case ExprKind::name: return eval_name(e, out);
    case ExprKind::field: return eval_field(e, out);
    case ExprKind::index: return eval_index(e, out);
    case ExprKind::unary: return eval_unary(e, out);
    case ExprKind::binary: return eval_binary(e, out);
    case ExprKind::if_: {
      V c;
      if (!used(x.kids[0], c)) return false;
      return used(c.i ? x.kids[1] : x.kids[2], out);
    }
    case ExprKind::call: return eval_call(e, out);
    case ExprKind::duration: {
      V n;
      if (!used(x.kids[0], n)) return false;
      out = V::of(n.i);
      out.a = static_cast<uint32_t>(x.duration_unit);
      return true;
    }
    case ExprKind::aggregate: return eval_aggregate(e, out);
    case ExprKind::bins: return eval_bins(e, out);
    case ExprKind::set_lit:
    case ExprKind::map_lit: return eval_collection_literal(e, out);
  }
  return fail(e, "internal error: unknown expression");
}

// ---------------------------------------------------------------- names

// A let, evaluated when first used for the current subject and remembered.
bool Eval::eval_let(const sema::Let& let, uint32_t slot, std::vector<uint8_t>& state, std::vector<V>& values,
                    V& out) {
  if (state[slot] == 2) {
    out = values[slot];
    return true;
  }
  state[slot] = 1;
  // A let's value does not see the bindings of the place it is used from.
  auto bound = std::move(bound_);
  auto frames = std::move(frames_);
  bound_.clear();
  frames_.clear();
  bool ok = used(let.value, out);
  bound_ = std::move(bound);
  frames_ = std::move(frames);
  if (!ok) return false;
  values[slot] = out;
  state[slot] = 2;
  return true;
}

bool Eval::eval_name(ExprId e, V& out) {
  const sema::Resolution& r = p_.resolution(e);
  switch (r.kind) {
    case RefKind::rule_let:
    case RefKind::scorecard_let:
    case RefKind::group_let:
      return eval_let((*local_lets_)[r.sub], r.sub, local_state_, local_values_, out);
    case RefKind::global_let: return eval_let(p_.lets[r.index], r.index, global_state_, global_values_, out);
    case RefKind::param: {
      const fides_param_value& pv = ctx_->params[r.index];
      out = p_.params[r.index].type.kind == TypeKind::text ? V::text(pv.text) : V::of(pv.value);
      return true;
    }
    case RefKind::table:
      out = V{};
      out.a = static_cast<uint32_t>(CollKind::table);
      out.b = r.index;
      return true;
    case RefKind::def_param:
      for (auto it = frames_.rbegin(); it != frames_.rend(); ++it)
        if (it->first == r.index) {
          out = it->second[r.sub];
          return true;
        }
      return fail(e, "internal error: parameter outside its function");
    case RefKind::for_var: out = V::of(subject_); return true;
    case RefKind::aggregate_var:
      for (auto it = bound_.rbegin(); it != bound_.rend(); ++it)
        if (it->first == r.index) {
          out = it->second;
          return true;
        }
      return fail(e, "internal error: aggregate variable outside its aggregate");
    case RefKind::record_rows:
      out = V{};
      out.a = static_cast<uint32_t>(ListKind::all_rows);
      out.b = r.index;
      return true;
    case RefKind::severity_lit: out = V::of(r.index); return true;
    case RefKind::score: out = score_; return true;
    default: break;
  }
  return fail(e, "internal error: unresolved name");
}

// base.f: a stored column (the row's value, absent by its present byte), a
// `via` collection (an index group), or a field of a finding.
bool Eval::eval_field(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  V base;
  if (!eval(x.kids[0], base)) return false;
  if (!base.present) {
    out = V::absent();
    return true;
  }
  const sema::Resolution& r = p_.resolution(e);
  if (r.kind == RefKind::finding_field) {
    const fides_findings_view* f = ctx_->findings;
    int64_t n = base.i;
    const lower::RuleDescription& rule = plan_.description.rules[f->rule[n]];
    auto text = [](const std::string& s) { return V::text({s.data(), static_cast<int64_t>(s.size())}); };
    switch (static_cast<sema::FindingField>(r.index)) {
      case sema::FindingField::rule: out = text(rule.id); break;
      case sema::FindingField::name: out = text(rule.name); break;
      case sema::FindingField::category: out = text(rule.category); break;
      case sema::FindingField::severity: out = V::of(static_cast<int64_t>(rule.severity)); break;
      case sema::FindingField::verdict: {
        const char* v = fides_verdict_name(static_cast<int>(rule.verdict));
        out = V::text({v, static_cast<int64_t>(std::char_traits<char>::length(v))});
        break;
      }
      case sema::FindingField::amount: out = V::of(f->amount[n]); break;
      case sema::FindingField::points: out = V::of(f->points[n]); break;
      case sema::FindingField::subject: out = V::text(f->subject_key[n]); break;
    }
    return true;
  }
  if (r.kind != RefKind::field) return fail(e, "internal error: unresolved field");
  int32_t slot = plan_.via_index(sema::RecordId(r.index), r.sub);
  if (slot >= 0) {
    out = V::of(base.i);
    out.a = static_cast<uint32_t>(ListKind::via);
    out.b = static_cast<uint32_t>(slot);
    return true;
  }
  const fides_column& c = column(r.index, r.sub);
  const sema::Field& field = p_.records[r.index].fields[r.sub];
  if (c.present && !c.present[base.i]) {
    out = V::absent();
    return true;
  }
  out = field.type.kind == TypeKind::text ? V::text(c.texts[base.i]) : V::of(c.values[base.i]);
  return true;
}

// ---------------------------------------------------------------- tables

int64_t Eval::find_key(const V& coll, TypeKind k, const V& key) const {
  if (static_cast<CollKind>(coll.a) == CollKind::literal) {
    const std::vector<V>& elems = literals_[coll.b];
    size_t stride = coll.i ? 2 : 1;  // i: 1 for a map literal
    for (size_t j = 0; j < elems.size(); j += stride)
      if (equal(elems[j], key, k)) return static_cast<int64_t>(j);
    return -1;
  }
  const fides_table_data& t = ctx_->tables[coll.b];
  int64_t lo = 0, hi = t.n;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    int c = k == TypeKind::text ? fides_text_cmp(t.key_texts[mid], key.s)
                                : (t.keys[mid] < key.i ? -1 : t.keys[mid] > key.i ? 1 : 0);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

// m[k]: the value or absent; m[k]!: the value or an evaluation error.
bool Eval::eval_index(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  V map, key;
  if (!eval(x.kids[0], map) || !used(x.kids[1], key)) return false;
  const sema::Type& mt = p_.types[x.kids[0].index];
  int64_t at = find_key(map, mt.elem, key);
  if (at < 0) {
    if (!x.flag) {
      out = V::absent();
      return true;
    }
    std::string k;
    print(key, sema::Type::of(mt.elem), k);
    std::string name = static_cast<CollKind>(map.a) == CollKind::table ? p_.tables[map.b].name : "";
    return fail(e, "no entry for key '" + k + "' in table '" + name + "'");
  }
  if (static_cast<CollKind>(map.a) == CollKind::literal) {
    out = literals_[map.b][static_cast<size_t>(at) + 1];
    return true;
  }
  const fides_table_data& t = ctx_->tables[map.b];
  out = mt.value == TypeKind::text ? V::text(t.value_texts[at]) : V::of(t.values[at]);
  return true;
}

bool Eval::eval_collection_literal(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  std::vector<V> elems;
  for (ExprId k : x.kids) {
    V v;
    if (!used(k, v)) return false;
    elems.push_back(v);
  }
  literals_.push_back(std::move(elems));
  out = V::of(x.kind == ExprKind::map_lit ? 1 : 0);
  out.a = static_cast<uint32_t>(CollKind::literal);
  out.b = static_cast<uint32_t>(literals_.size() - 1);
  return true;
}

// ---------------------------------------------------------------- operators

bool Eval::eval_unary(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  V a;
  if (!used(x.kids[0], a)) return false;
  if (x.unary_op == ast::UnaryOp::not_) {
    out = V::of(a.i ? 0 : 1);
    return true;
  }
  int64_t r = 0;
  int st = p_.types[e.index].kind == TypeKind::int_ ? fides_int_neg(a.i, &r) : fides_dec_neg(a.i, &r);
  if (st != FIDES_OK) return fail(e, st);
  out = V::of(r);
  return true;
}

bool Eval::eval_binary(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  switch (x.binary_op) {
    case BinaryOp::and_:
    case BinaryOp::or_: {
      V a;
      if (!used(x.kids[0], a)) return false;
      bool is_and = x.binary_op == BinaryOp::and_;
      if (is_and ? !a.i : a.i) {
        out = V::of(a.i ? 1 : 0);
        return true;
      }
      V b;
      if (!used(x.kids[1], b)) return false;
      out = V::of(b.i ? 1 : 0);
      return true;
    }
    case BinaryOp::coalesce: return eval_coalesce(e, out);
    case BinaryOp::in:
    case BinaryOp::not_in: return eval_membership(e, out);
    case BinaryOp::like: {
      V a, b;
      if (!used(x.kids[0], a) || !used(x.kids[1], b)) return false;
      out = V::of(fides_text_like(a.s, b.s) ? 1 : 0);
      return true;
    }
    case BinaryOp::eq:
    case BinaryOp::ne:
    case BinaryOp::lt:
    case BinaryOp::le:
    case BinaryOp::gt:
    case BinaryOp::ge: return eval_compare(e, out);
    case BinaryOp::add:
    case BinaryOp::sub:
    case BinaryOp::mul:
    case BinaryOp::div: return eval_arith(e, out);
  }
  return fail(e, "internal error: unknown operator");
}

// `a ?? b ?? … ?? z` is right-deep: go down the chain to the first present
// left value (or the last default), then convert that value as each `??`
// above uses the one below it, innermost first.
bool Eval::eval_coalesce(ExprId e, V& out) {
  std::vector<ExprId> passed;  // the `??`s below e that were entered
  for (ExprId n = e;;) {
    const ast::Expr& x = m_.expr(n);
    V a;
    if (!used(x.kids[0], a)) return false;
    if (a.present) {
      out = a;
      break;
    }
    ExprId next = ast::chain_next(m_, n);
    if (!next.valid()) {
      if (!used(x.kids[1], out)) return false;
      break;
    }
    passed.push_back(next);
    n = next;
  }
  for (size_t i = passed.size(); i-- > 0;)
    if (!convert(passed[i], out)) return false;
  return true;
}

bool Eval::eval_membership(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  V a, s;
  if (!used(x.kids[0], a) || !eval(x.kids[1], s)) return false;
  bool found = find_key(s, p_.types[x.kids[1].index].elem, a) >= 0;
  out = V::of(found == (x.binary_op == BinaryOp::in) ? 1 : 0);
  return true;
}

bool Eval::eval_compare(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  V a, b;
  if (!used(x.kids[0], a) || !used(x.kids[1], b)) return false;
  TypeKind k = p_.used_type(x.kids[0]).kind;
  bool r = false;
  switch (x.binary_op) {
    case BinaryOp::eq: r = equal(a, b, k); break;
    case BinaryOp::ne: r = !equal(a, b, k); break;
    case BinaryOp::lt: r = compare(a, b, k) < 0; break;
    case BinaryOp::le: r = compare(a, b, k) <= 0; break;
    case BinaryOp::gt: r = compare(a, b, k) > 0; break;
    case BinaryOp::ge: r = compare(a, b, k) >= 0; break;
    default: break;
  }
  out = V::of(r ? 1 : 0);
  return true;
}

bool Eval::eval_arith(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  ExprId l = x.kids[0], r = x.kids[1];
  TypeKind lk = p_.types[l.index].kind, rk = p_.types[r.index].kind;
  BinaryOp op = x.binary_op;
  int64_t res = 0;
  int st = FIDES_OK;
  // int / int: fides_int_div on the ints themselves (no conversion to decimal first).
  if (op == BinaryOp::div && lk == TypeKind::int_ && rk == TypeKind::int_) {
    V a, b;
    if (!eval(l, a) || !eval(r, b)) return false;
    st = fides_int_div(a.i, b.i, &res);
    if (st != FIDES_OK) return fail(e, st);
    out = V::of(res);
    return true;
  }
  V a, b;
  if (!used(l, a) || !used(r, b)) return false;
  TypeKind result = p_.types[e.index].kind;
  if (result == TypeKind::text) {
    fides_str s;
    st = fides_text_concat(&arena_, a.s, b.s, &s);
    if (st != FIDES_OK) return fail(e, st);
    out = V::text(s);
    return true;
  }
  if (lk == TypeKind::date && rk == TypeKind::date) {  // d2 - d1
    out = V::of(fides_date_diff_days(static_cast<int32_t>(a.i), static_cast<int32_t>(b.i)));
    return true;
  }
  if (result == TypeKind::date) {  // date ± duration, duration + date
    const V& d = lk == TypeKind::date ? a : b;
    const V& n = lk == TypeKind::date ? b : a;
    bool add = op == BinaryOp::add;
    int32_t day = static_cast<int32_t>(d.i), r32 = 0;
    switch (static_cast<ast::DurationUnit>(n.a)) {
      case ast::DurationUnit::days:
        st = add ? fides_date_add_days(day, n.i, &r32) : fides_date_sub_days(day, n.i, &r32);
        break;
      case ast::DurationUnit::weeks:
        st = add ? fides_date_add_weeks(day, n.i, &r32) : fides_date_sub_weeks(day, n.i, &r32);
        break;
      case ast::DurationUnit::months:
        st = add ? fides_date_add_months(day, n.i, &r32) : fides_date_sub_months(day, n.i, &r32);
        break;
      case ast::DurationUnit::years:
        st = add ? fides_date_add_years(day, n.i, &r32) : fides_date_sub_years(day, n.i, &r32);
        break;
    }
    if (st != FIDES_OK) return fail(e, st);
    out = V::of(r32);
    return true;
  }
  if (result == TypeKind::int_) {
    switch (op) {
      case BinaryOp::add: st = fides_int_add(a.i, b.i, &res); break;
      case BinaryOp::sub: st = fides_int_sub(a.i, b.i, &res); break;
      case BinaryOp::mul: st = fides_int_mul(a.i, b.i, &res); break;
      default: return fail(e, "internal error: int division");
    }
  } else {
    switch (op) {
      case BinaryOp::add: st = fides_dec_add(a.i, b.i, &res); break;
      case BinaryOp::sub: st = fides_dec_sub(a.i, b.i, &res); break;
      case BinaryOp::mul: st = fides_dec_mul(a.i, b.i, &res); break;
      case BinaryOp::div: st = fides_dec_div(a.i, b.i, &res); break;
      default: break;
    }
  }
  if (st != FIDES_OK) return fail(e, st);
  out = V::of(res);
  return true;
}

// ---------------------------------------------------------------- templates

bool Eval::eval_template(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  std::string s;
  for (ExprId part : x.kids) {
    V v;
    if (!used(part, v)) return false;
    print(v, p_.used_type(part), s);
  }
  return text_in_arena(e, s, out);
}

}  // namespace fides::interp
