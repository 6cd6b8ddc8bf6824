// An element's cached `where` and value stay right while rows are only added
// to the data if they can change only for rows that an added row reaches
// through references (what a host marks dirty). That holds when everything
// the element's expressions read starts at the element and goes through its
// own fields, references followed forward (to rows that are not changed, of
// which only fields are read) and via lists followed from the element or from
// rows reached by via lists: a via list gains a row only when the new row
// references its owner, which then reaches the owner, and so the element,
// through references. Anything else — a record's rows, hits(x), a via list
// of a row reached forward, the subject, a variable of an enclosing
// aggregate — can change without the element being reached, so such an
// aggregate gets no row cache.
#include "lower/row_cache_plan.h"

#include <map>
#include <tuple>
#include <vector>

#include "sema/builtins.h"

namespace fides::lower {
namespace {

using ast::AggregateKind;
using ast::ExprId;
using ast::ExprKind;
using sema::RefKind;
using sema::TypeKind;

// What an expression stands for, as far as the cache's condition goes.
enum class Reach : uint8_t {
  value,    // a value that does not change while rows are added (or a row compared as such)
  back,     // rows reached from the element through via lists only (the element itself too)
  forward,  // a row reached with at least one reference followed forward
  unsafe,   // may change without the element being reached
};

Reach worst(Reach a, Reach b) { return a == Reach::unsafe || b == Reach::unsafe ? Reach::unsafe : Reach::value; }

class Analysis {
 public:
  explicit Analysis(const sema::Program& p) : p_(p), m_(*p.module) {}

  // The element variable of `aggregate` bound to the element.
  bool element_safe(ExprId aggregate, const std::vector<ExprId>& exprs) {
    Env env;
    env.vars[aggregate.index] = Reach::back;
    for (ExprId e : exprs)
      if (reach(e, env, 0) == Reach::unsafe) return false;
    return true;
  }

 private:
  struct Env {
    std::map<uint32_t, Reach> vars;  // aggregate variables in scope (ExprId index)
    std::vector<Reach> params;       // the current def's parameters
  };

  Reach reach(ExprId e, const Env& env, int depth) {
    if (!e.valid()) return Reach::value;
    if (depth > 64) return Reach::unsafe;
    const ast::Expr& x = m_.expr(e);
    const sema::Resolution& r = p_.resolution(e);
    switch (x.kind) {
      case ExprKind::name: return name(r, env, depth);
      case ExprKind::field: return field(x, r, env, depth);
      case ExprKind::aggregate: return aggregate(e, x, env, depth);
      case ExprKind::call:
        if (r.kind == RefKind::def) return call_def(x, r, env, depth);
        if (r.kind == RefKind::builtin && static_cast<sema::BuiltinId>(r.index) == sema::BuiltinId::hits)
          return Reach::unsafe;
        break;
      default: break;
    }
    Reach out = Reach::value;
    for (ExprId k : x.kids) out = worst(out, reach(k, env, depth + 1));
    return out;
  }

  Reach name(const sema::Resolution& r, const Env& env, int depth) {
    switch (r.kind) {
      case RefKind::aggregate_var: {
        auto it = env.vars.find(r.index);
        return it == env.vars.end() ? Reach::unsafe : it->second;
      }
      case RefKind::def_param: return r.sub < env.params.size() ? env.params[r.sub] : Reach::unsafe;
      case RefKind::rule_let:
      case RefKind::scorecard_let:
      case RefKind::group_let: return reach(p_.local_let(r).value, Env{}, depth + 1);
      case RefKind::global_let: return reach(p_.lets[r.index].value, Env{}, depth + 1);
      case RefKind::param:
      case RefKind::table:
      case RefKind::severity_lit: return Reach::value;
      default: return Reach::unsafe;  // the subject, `score`, a record's rows, a finding's field
    }
  }

  Reach field(const ast::Expr& x, const sema::Resolution& r, const Env& env, int depth) {
    if (r.kind != RefKind::field || x.kids.empty()) return Reach::unsafe;
    Reach base = reach(x.kids[0], env, depth + 1);
    if (base == Reach::unsafe || base == Reach::value) return Reach::unsafe;
    const sema::Type& t = p_.records[r.index].fields[r.sub].type;
    if (t.kind == TypeKind::list) return base == Reach::back ? Reach::back : Reach::unsafe;
    if (t.kind == TypeKind::record) return Reach::forward;
    return Reach::value;
  }

  Reach aggregate(ExprId e, const ast::Expr& x, const Env& env, int depth) {
    if (x.kids.empty() || reach(x.kids[0], env, depth + 1) != Reach::back) return Reach::unsafe;
    Env inner = env;
    inner.vars[e.index] = Reach::back;
    Reach out = Reach::value;
    for (size_t k = 1; k < x.kids.size(); ++k) out = worst(out, reach(x.kids[k], inner, depth + 1));
    // first/last give a row of the list: reached from the element as the list is.
    if (out != Reach::unsafe && (x.aggregate_kind == AggregateKind::first || x.aggregate_kind == AggregateKind::last))
      return Reach::back;
    return out;
  }

  Reach call_def(const ast::Expr& x, const sema::Resolution& r, const Env& env, int depth) {
    Env body;
    for (ExprId k : x.kids) {
      body.params.push_back(reach(k, env, depth + 1));
      if (body.params.back() == Reach::unsafe) return Reach::unsafe;
    }
    auto key = std::make_tuple(r.index, body.params);
    if (auto it = defs_.find(key); it != defs_.end()) return it->second;
    defs_[key] = Reach::unsafe;  // a cycle through defs: assume the worst
    Reach out = reach(p_.defs[r.index].body, body, depth + 1);
    return defs_[key] = out;
  }

  const sema::Program& p_;
  const ast::Module& m_;
  std::map<std::tuple<uint32_t, std::vector<Reach>>, Reach> defs_;
};

// A kind whose elements the built-ins or the loop combine by value alone.
bool cacheable_kind(AggregateKind k) {
  return k != AggregateKind::first && k != AggregateKind::last;
}

// Whether `e` computes an aggregate (directly or in a def it calls): an
// element worth a cache entry when its aggregate runs over part of a record.
class NestedAggregates {
 public:
  explicit NestedAggregates(const sema::Program& p) : p_(p), m_(*p.module) {}

  bool in(ExprId e) {
    if (!e.valid()) return false;
    const ast::Expr& x = m_.expr(e);
    if (x.kind == ExprKind::aggregate) return true;
    if (x.kind == ExprKind::call) {
      const sema::Resolution& r = p_.resolution(e);
      if (r.kind == RefKind::def && in_def(r.index)) return true;
    }
    for (ExprId k : x.kids)
      if (in(k)) return true;
    return false;
  }

 private:
  bool in_def(uint32_t def) {
    if (auto it = defs_.find(def); it != defs_.end()) return it->second;
    defs_[def] = false;  // a cycle through defs adds nothing
    return defs_[def] = in(p_.defs[def].body);
  }

  const sema::Program& p_;
  const ast::Module& m_;
  std::map<uint32_t, bool> defs_;
};

}  // namespace

void plan_row_caches(const sema::Program& program, Plan& plan) {
  const ast::Module& m = *program.module;
  Analysis analysis(program);
  NestedAggregates nested(program);
  for (uint32_t i = 0; i < plan.aggregates.size(); ++i) {
    AggregatePlan& a = plan.aggregates[i];
    if (!a.aggregate) continue;
    const ast::Expr& x = m.expr(ExprId(i));
    if (!cacheable_kind(x.aggregate_kind)) continue;
    const sema::Type& elements = program.types[x.kids[0].index];
    if (elements.kind != TypeKind::list || elements.elem != TypeKind::record) continue;
    const ExprId where = x.kids.size() > 1 ? x.kids[1] : ExprId();
    const ExprId value = x.kids.size() > 2 ? x.kids[2] : ExprId();
    const sema::Resolution& coll = program.resolution(x.kids[0]);
    if (m.expr(x.kids[0]).kind == ExprKind::name && coll.kind == RefKind::record_rows) {
      // A record's rows: worth it when computed once per call, for every row.
      if (!(a.memo || (!a.peer.empty() && a.index >= 0))) continue;
    } else if (!nested.in(where) && !nested.in(value)) {
      // Part of a record (a via list, a group's rows): worth it when an
      // element computes an aggregate of its own, as a visit's line total.
      continue;
    }
    if (value.valid()) {
      const sema::Type& vt = program.types[value.index];
      if (vt.optional || !(vt.is_scalar() && vt.kind != TypeKind::text)) continue;
    }
    // With an index the key conjunct is the lookup's; the rest is what an element evaluates.
    std::vector<ExprId> exprs = a.index >= 0 ? a.residual : std::vector<ExprId>{where};
    exprs.push_back(value);
    if (!analysis.element_safe(ExprId(i), exprs)) continue;
    a.row_cache = static_cast<int32_t>(plan.description.row_cache_records.size());
    plan.description.row_cache_records.push_back(elements.record.index);
  }
}

}  // namespace fides::lower
