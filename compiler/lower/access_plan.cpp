// Access plans for aggregates (compiler/lower/README.md, "Access plans"):
// which aggregates over a whole record type may iterate one group of a
// BY_FIELD index instead of every row, which are subject-independent and may
// be computed once per eval call, and which depend on the subject only through
// a few of its fields and may be computed once per distinct key of those
// fields per call (peer groups). Both back ends read Plan::aggregates.
//
// Everything here must keep the scan's observable behaviour exactly: the same
// rows reach the aggregate in the same order, and every evaluation error the
// scan would raise is raised (and none that it would not). See the comments
// on infallible() and plan_index().
#include "lower/access_plan.h"

#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "ast/chains.h"
#include "sema/builtins.h"

namespace fides::lower {
namespace {

using ast::BinaryOp;
using ast::ExprId;
using ast::ExprKind;
using sema::RefKind;
using sema::TypeKind;

// What an expression's value may depend on besides the eval call's constants
// (columns, params, tables, indexes, the findings view).
struct Deps {
  bool subject = false;           // the for-variable, `score`, or unknown (a cycle)
  std::set<uint32_t> aggregates;  // variables of these aggregates (ExprId index)
  std::set<uint32_t> defs;        // parameters of these defs
  // (record, field): reads `s.f` of the subject s (a for-variable) of a
  // stored scalar or reference field, which key a peer-group memo.
  std::set<std::pair<uint32_t, uint32_t>> fields;

  void add(const Deps& d) {
    subject = subject || d.subject;
    fields.insert(d.fields.begin(), d.fields.end());
    aggregates.insert(d.aggregates.begin(), d.aggregates.end());
    defs.insert(d.defs.begin(), d.defs.end());
  }
  bool none() const { return !subject && aggregates.empty() && defs.empty() && fields.empty(); }
  // Only subject fields: a peer-group memo keyed by them is possible.
  bool only_fields() const { return !subject && aggregates.empty() && defs.empty() && !fields.empty(); }
};

bool benign_kinds(TypeKind from, TypeKind to) {
  if (from == to) return true;
  auto dec = [](TypeKind k) { return k == TypeKind::decimal || k == TypeKind::money; };
  return dec(from) && dec(to);  // decimal <-> money is free (same representation)
}

class Planner {
 public:
  Planner(const sema::Program& p, Plan& plan) : p_(p), m_(*p.module), plan_(plan) {}

  void run() {
    plan_.aggregates.assign(m_.exprs.size(), AggregatePlan{});
    for (uint32_t i = 0; i < m_.exprs.size(); ++i) {
      const ast::Expr& x = m_.exprs[i];
      if (x.kind != ExprKind::aggregate || i >= p_.types.size() || p_.types[i].is_error()) continue;
      if (x.kids.empty() || !x.kids[0].valid()) continue;
      AggregatePlan& a = plan_.aggregates[i];
      a.aggregate = true;
      ExprId e(i);
      // Memo: nothing but the call's constants, and a non-text result (text
      // values may live in the per-subject arena).
      const Deps& d = deps(e);
      bool non_text = p_.types[i].kind != TypeKind::text;
      a.memo = d.none() && non_text;
      // Peer group: only a few subject fields, memoised per distinct key.
      if (non_text && d.only_fields() && d.fields.size() <= kMaxPeerKeys) {
        for (auto [record, field] : d.fields) {
          AggregatePlan::PeerKey k;
          k.record = record;
          k.field = field;
          k.column = plan_.column(sema::RecordId(record), field);
          k.optional = p_.records[record].fields[field].type.optional;
          k.text = p_.records[record].fields[field].type.kind == TypeKind::text;
          a.peer.push_back(k);
        }
      }
      plan_index(e, a);
    }
  }

 private:
  // ---- dependencies
  const Deps& deps(ExprId e) {
    static const Deps empty;
    if (!e.valid()) return empty;
    if (auto it = deps_.find(e.index); it != deps_.end()) return it->second;
    // Along an operator chain, the nodes below first, deepest first: each
    // one's recursion into its chained operand then stops at the memo.
    for (ExprId below : ast::chain_below(m_, e)) deps(below);
    if (!visiting_.insert(e.index).second) {
      static const Deps unknown{true, {}, {}, {}};
      return unknown;  // a cycle through lets/defs: assume the worst
    }
    Deps d;
    const ast::Expr& x = m_.expr(e);
    const sema::Resolution& r = p_.resolution(e);
    if (auto f = subject_field(e)) {
      d.fields.insert(*f);  // not the subject itself: only this field of it
      visiting_.erase(e.index);
      return deps_[e.index] = std::move(d);
    }
    for (ExprId k : x.kids) d.add(deps(k));
    if (x.kind == ExprKind::name) {
      switch (r.kind) {
        case RefKind::rule_let:
        case RefKind::scorecard_let:
        case RefKind::group_let: d.add(deps(p_.local_let(r).value)); break;
        case RefKind::global_let: d.add(deps(p_.lets[r.index].value)); break;
        case RefKind::def_param: d.defs.insert(r.index); break;
        case RefKind::for_var:
        case RefKind::score: d.subject = true; break;
        case RefKind::aggregate_var: d.aggregates.insert(r.index); break;
        default: break;
      }
    } else if (x.kind == ExprKind::call && r.kind == RefKind::def) {
      // The body sees the arguments (already counted) through its parameters.
      Deps body = deps(p_.defs[r.index].body);
      body.defs.erase(r.index);
      d.add(body);
    } else if (x.kind == ExprKind::aggregate) {
      d.aggregates.erase(e.index);
    }
    visiting_.erase(e.index);
    return deps_[e.index] = std::move(d);
  }

  // `s.f` with s the subject (a for-variable, unconverted) and f a stored
  // scalar or reference field of its record: (record, field).
  std::optional<std::pair<uint32_t, uint32_t>> subject_field(ExprId e) {
    const ast::Expr& x = m_.expr(e);
    if (x.kind != ExprKind::field || x.kids.empty() || !x.kids[0].valid()) return std::nullopt;
    const sema::Resolution& r = p_.resolution(e);
    if (r.kind != RefKind::field) return std::nullopt;
    const ast::Expr& base = m_.expr(x.kids[0]);
    if (base.kind != ExprKind::name || p_.resolution(x.kids[0]).kind != RefKind::for_var) return std::nullopt;
    if (p_.conversions[x.kids[0].index]) return std::nullopt;
    const sema::Type& ft = p_.records[r.index].fields[r.sub].type;
    if (!(ft.is_scalar() || ft.kind == TypeKind::record)) return std::nullopt;
    if (plan_.column(sema::RecordId(r.index), r.sub) < 0) return std::nullopt;
    return std::make_pair(r.index, r.sub);
  }

  // ---- infallibility
  // True when evaluating e can never raise an evaluation error, whatever the
  // row or subject: reads of params, variables and stored fields (sema has
  // proved every optional read present), literals, comparisons, and/or/not,
  // ??, if, membership and map lookups without `!`, and a few built-ins that
  // cannot fail; every implicit conversion on the way must be free (no
  // int -> decimal, which can overflow). Conservative: anything else
  // (arithmetic, dates, text building, defs, aggregates, m[k]!) may fail.
  bool infallible(ExprId e, int depth = 0) {
    if (!e.valid()) return true;
    if (depth > 64) return false;
    if (const auto& c = p_.conversions[e.index]; c && !benign_kinds(p_.types[e.index].kind, c->kind)) return false;
    const ast::Expr& x = m_.expr(e);
    const sema::Resolution& r = p_.resolution(e);
    auto kids_ok = [&] {
      for (ExprId k : x.kids)
        if (!infallible(k, depth + 1)) return false;
      return true;
    };
    switch (x.kind) {
      case ExprKind::int_lit:
      case ExprKind::decimal_lit:
      case ExprKind::string_lit:
      case ExprKind::date_lit:
      case ExprKind::bool_lit: return true;
      case ExprKind::name:
        switch (r.kind) {
          case RefKind::param:
          case RefKind::table:
          case RefKind::def_param:
          case RefKind::for_var:
          case RefKind::aggregate_var:
          case RefKind::record_rows:
          case RefKind::severity_lit:
          case RefKind::score: return true;
          case RefKind::rule_let:
          case RefKind::scorecard_let:
          case RefKind::group_let: return infallible(p_.local_let(r).value, depth + 1);
          case RefKind::global_let: return infallible(p_.lets[r.index].value, depth + 1);
          default: return false;
        }
      case ExprKind::field:
        if (r.kind == RefKind::field &&
            p_.records[r.index].fields[r.sub].type.kind == TypeKind::list)
          return false;  // a `via` list: not a value a comparison reads
        return (r.kind == RefKind::field || r.kind == RefKind::finding_field) && kids_ok();
      case ExprKind::unary: return x.unary_op == ast::UnaryOp::not_ && kids_ok();
      case ExprKind::binary:
        switch (x.binary_op) {
          case BinaryOp::and_:
          case BinaryOp::or_:
          case BinaryOp::eq:
          case BinaryOp::ne:
          case BinaryOp::lt:
          case BinaryOp::le:
          case BinaryOp::gt:
          case BinaryOp::ge:
          case BinaryOp::coalesce:
          case BinaryOp::in:
          case BinaryOp::not_in: return kids_ok();
          default: return false;
        }
      case ExprKind::index: return !x.flag && kids_ok();
      case ExprKind::if_: return kids_ok();
      case ExprKind::call:
        if (r.kind != RefKind::builtin) return false;
        switch (static_cast<sema::BuiltinId>(r.index)) {
          case sema::BuiltinId::present:
          case sema::BuiltinId::starts_with:
          case sema::BuiltinId::ends_with:
          case sema::BuiltinId::contains:
          case sema::BuiltinId::min_int:
          case sema::BuiltinId::max_int:
          case sema::BuiltinId::min_date:
          case sema::BuiltinId::max_date: return kids_ok();
          default: return false;
        }
      default: return false;
    }
  }

  // ---- the equality index
  // `x.r1.….rk.f` where x is aggregate `agg`'s variable (of `record`), r1 … rk
  // (k ≥ 0) non-optional references read as stored, and f a stored scalar or
  // reference field of the record they reach. Reading it cannot fail.
  struct OwnPath {
    std::vector<uint32_t> path;  // ABI columns of r1 … rk
    uint32_t record = 0;         // the record f belongs to
    int32_t column = -1;         // f's ABI column
  };
  std::optional<OwnPath> own_path(ExprId side, uint32_t agg, uint32_t record) {
    const ast::Expr& x = m_.expr(side);
    if (x.kind != ExprKind::field || x.kids.empty() || x.flag) return std::nullopt;
    const sema::Resolution& r = p_.resolution(side);
    if (r.kind != RefKind::field) return std::nullopt;
    ExprId base_id = x.kids[0];
    if (p_.conversions[base_id.index]) return std::nullopt;
    const ast::Expr& base = m_.expr(base_id);
    const sema::Resolution& br = p_.resolution(base_id);
    OwnPath out;
    if (base.kind == ExprKind::name) {
      if (br.kind != RefKind::aggregate_var || br.index != agg || r.index != record) return std::nullopt;
    } else {
      // The base is itself a path ending in a non-optional reference to r.index.
      auto prefix = own_path(base_id, agg, record);
      if (!prefix) return std::nullopt;
      const sema::Type& bt = p_.records[prefix->record].fields[field_of(prefix->record, prefix->column)].type;
      if (bt.kind != TypeKind::record || bt.optional || bt.record.index != r.index) return std::nullopt;
      out.path = prefix->path;
      out.path.push_back(static_cast<uint32_t>(prefix->column));
    }
    const sema::Type& ft = p_.records[r.index].fields[r.sub].type;
    if (!(ft.is_scalar() || ft.kind == TypeKind::record)) return std::nullopt;
    // The read's value must be compared as stored: no conversion but a free one.
    if (p_.types[side.index].is_error() || !benign_kinds(ft.kind, p_.used_type(side).kind)) return std::nullopt;
    out.record = r.index;
    out.column = plan_.column(sema::RecordId(r.index), r.sub);
    if (out.column < 0) return std::nullopt;
    return out;
  }

  // The checked field number of ABI column `column` of `record`.
  uint32_t field_of(uint32_t record, int32_t column) const {
    const auto& cols = plan_.columns[record];
    for (uint32_t f = 0; f < cols.size(); ++f)
      if (cols[f] == column) return f;
    return 0;
  }

  // The operands of `and`s at the top of w, in source order (a work stack:
  // an `and` chain is as deep as it is long).
  void conjuncts(ExprId w, std::vector<ExprId>& out) {
    std::vector<ExprId> todo{w};
    while (!todo.empty()) {
      ExprId e = todo.back();
      todo.pop_back();
      const ast::Expr& x = m_.expr(e);
      if (x.kind == ExprKind::binary && x.binary_op == BinaryOp::and_ && !p_.conversions[e.index]) {
        todo.push_back(x.kids[1]);
        todo.push_back(x.kids[0]);
      } else {
        out.push_back(e);
      }
    }
  }

  // Why the group lookup keeps the scan's behaviour exactly:
  //  - rows outside the group are those whose x.f differs from E; the scan
  //    evaluates for them only the conjuncts before `x.f == E` (infallible by
  //    the check below, so skipping them cannot hide an error) and then the
  //    equality, which is false (sema proved x.f present there: an optional
  //    f is only comparable where an earlier `present(x.f)` conjunct narrowed
  //    it, and absent rows belong to no group);
  //  - E does not mention x and is infallible, so evaluating it once before
  //    the rows (even when there are none) is unobservable, and its value is
  //    the one the scan would compare with on every row;
  //  - rows of the group are visited in input order, and per row the other
  //    conjuncts are evaluated in their order with `and`'s short-circuit; the
  //    equality itself would be true there and cannot fail.
  void plan_index(ExprId e, AggregatePlan& a) {
    const ast::Expr& x = m_.expr(e);
    ExprId coll = x.kids[0];
    ExprId where = x.kids.size() > 1 ? x.kids[1] : ExprId();
    if (!where.valid()) return;
    const sema::Resolution& cr = p_.resolution(coll);
    if (m_.expr(coll).kind != ExprKind::name || cr.kind != RefKind::record_rows) return;
    uint32_t record = cr.index;
    std::vector<ExprId> parts;
    conjuncts(where, parts);
    for (size_t j = 0; j < parts.size(); ++j) {
      const ast::Expr& c = m_.expr(parts[j]);
      if (c.kind == ExprKind::binary && c.binary_op == BinaryOp::eq && !p_.conversions[parts[j].index]) {
        for (int side = 0; side < 2; ++side) {
          std::optional<OwnPath> own = own_path(c.kids[side], e.index, record);
          ExprId key = c.kids[1 - side];
          if (!own || deps(key).aggregates.count(e.index) || !infallible(key)) continue;
          if (!benign_kinds(p_.used_type(key).kind, p_.used_type(c.kids[side]).kind)) continue;
          int32_t column = own->column;
          a.index = by_field_index(record, own->path, static_cast<uint32_t>(column));
          a.record = own->record;
          a.column = column;
          a.path = own->path;
          a.key_kind = plan_.description.records[own->record].fields[column].type == AbiType::Text
                           ? TypeKind::text
                           : p_.used_type(c.kids[side]).kind;
          a.key = key;
          a.conjunct = parts[j];
          for (size_t k = 0; k < parts.size(); ++k)
            if (k != j) a.residual.push_back(parts[k]);
          return;
        }
      }
      // A later conjunct may be used only when this one cannot fail.
      if (!infallible(parts[j])) return;
    }
  }

  int32_t by_field_index(uint32_t record, const std::vector<uint32_t>& path, uint32_t column) {
    auto key = std::make_tuple(record, path, column);
    if (auto it = by_field_.find(key); it != by_field_.end()) return it->second;
    int32_t slot = static_cast<int32_t>(plan_.description.indexes.size());
    plan_.description.indexes.push_back({IndexKind::ByField, record, column, path});
    by_field_[key] = slot;
    return slot;
  }

  const sema::Program& p_;
  const ast::Module& m_;
  Plan& plan_;
  std::map<uint32_t, Deps> deps_;
  std::set<uint32_t> visiting_;
  std::map<std::tuple<uint32_t, std::vector<uint32_t>, uint32_t>, int32_t> by_field_;
};

const char* kind_text(ast::AggregateKind k) {
  switch (k) {
    case ast::AggregateKind::count: return "count";
    case ast::AggregateKind::exists: return "exists";
    case ast::AggregateKind::sum: return "sum";
    case ast::AggregateKind::min: return "min";
    case ast::AggregateKind::max: return "max";
    case ast::AggregateKind::avg: return "avg";
    case ast::AggregateKind::count_distinct: return "count_distinct";
    case ast::AggregateKind::first: return "first";
    case ast::AggregateKind::last: return "last";
    case ast::AggregateKind::median: return "median";
    case ast::AggregateKind::percentile: return "percentile";
    case ast::AggregateKind::stddev: return "stddev";
  }
  return "?";
}

}  // namespace

void plan_aggregates(const sema::Program& program, Plan& plan, bool enabled) {
  if (const char* v = std::getenv("FIDES_SCAN_ONLY"); v && *v && std::string(v) != "0") enabled = false;
  if (!enabled) {
    plan.aggregates.assign(program.module->exprs.size(), AggregatePlan{});
    return;
  }
  Planner(program, plan).run();
}

std::string describe_access_plans(const Plan& plan) {
  const sema::Program& p = *plan.program;
  const ast::Module& m = *p.module;
  std::string out;
  for (uint32_t i = 0; i < plan.aggregates.size(); ++i) {
    const AggregatePlan& a = plan.aggregates[i];
    const ast::Expr& x = m.exprs[i];
    if (x.kind != ExprKind::aggregate) continue;
    const ast::Expr& coll = m.expr(x.kids[0]);
    std::string c = coll.kind == ExprKind::name ? coll.name : coll.kind == ExprKind::field ? "…." + coll.name : "…";
    out += fmt::format("#{} {}({} in {}):", i, kind_text(x.aggregate_kind), x.name, c);
    if (a.index >= 0) {
      const IndexDescription& ix = plan.description.indexes[a.index];
      std::string path = plan.description.records[ix.record].name;
      uint32_t at = ix.record;
      for (uint32_t step : ix.path) {
        const FieldDescription& f = plan.description.records[at].fields[step];
        path += "." + f.name;
        at = static_cast<uint32_t>(f.ref_record);
      }
      const RecordDescription& rd = plan.description.records[a.record];
      out += fmt::format(" index {}.{} (slot {}) key #{}, {} residual", path, rd.fields[a.column].name, a.index,
                         a.key.index, a.residual.size());
    } else {
      out += " scan";
    }
    if (a.memo) out += ", memo";
    if (!a.peer.empty()) {
      out += ", peer memo on";
      for (size_t k = 0; k < a.peer.size(); ++k) {
        const RecordDescription& rd = plan.description.records[a.peer[k].record];
        out += fmt::format("{} {}.{}", k ? "," : "", rd.name, rd.fields[a.peer[k].column].name);
      }
    }
    if (a.row_cache >= 0) out += fmt::format(", row cache {}", a.row_cache);
    out += "\n";
  }
  return out;
}

}  // namespace fides::lower
