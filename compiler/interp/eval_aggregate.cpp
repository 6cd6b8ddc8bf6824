// Aggregates over collections (via indexes, all rows of a record, hits) and bins.
#include <vector>

#include "interp/eval.h"

namespace fides::interp {
namespace {
// Where group g of an index ends (fides_index_data: ends[g], or offsets[g + 1]).
int64_t group_end(const fides_index_data& idx, int64_t g) { return idx.ends ? idx.ends[g] : idx.offsets[g + 1]; }
}  // namespace

using ast::AggregateKind;
using ast::BinaryOp;
using sema::TypeKind;

void Eval::elements(const V& list, const int64_t*& rows, int64_t& n) const {
  rows = nullptr;
  n = 0;
  const fides_index_data* idx = nullptr;
  switch (static_cast<ListKind>(list.a)) {
    case ListKind::all_rows: n = ctx_->records[list.b].n_rows; return;
    case ListKind::via: idx = &ctx_->indexes[list.b]; break;
    case ListKind::hits:
      if (!ctx_->findings) return;
      idx = &ctx_->findings->by_record[list.b];
      break;
  }
  if (list.i < 0 || list.i >= idx->n_groups) return;
  rows = idx->rows + idx->offsets[list.i];
  n = group_end(*idx, list.i) - idx->offsets[list.i];
}

namespace {
// The group of BY_FIELD index `idx` (over a value of kind k) whose value is
// `key`: binary search over the groups, which the host orders by value
// (runtime/data/indexes.cpp: numeric int64 order, text bytewise as
// fides_text_cmp) and gives with their values.
void find_group(const fides_index_data& idx, TypeKind k, const V& key, const int64_t*& rows, int64_t& n) {
  rows = idx.rows;
  n = 0;
  if (idx.find) {
    const int64_t g = k == TypeKind::text ? idx.find(&idx, 0, key.s.ptr, key.s.len) : idx.find(&idx, key.i, nullptr, 0);
    if (g >= 0 && g < idx.n_groups) {
      rows = idx.rows + idx.offsets[g];
      n = group_end(idx, g) - idx.offsets[g];
    }
    return;
  }
  auto cmp = [&](int64_t g) {
    if (k == TypeKind::text) return fides_text_cmp(idx.group_texts[g], key.s);
    int64_t v = idx.group_values[g];
    return v < key.i ? -1 : v > key.i ? 1 : 0;
  };
  int64_t lo = 0, hi = idx.n_groups;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (cmp(mid) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < idx.n_groups && cmp(lo) == 0) {
    rows = idx.rows + idx.offsets[lo];
    n = group_end(idx, lo) - idx.offsets[lo];
  }
}
}  // namespace

// A subject-independent aggregate (Plan::aggregates[e].memo) is computed once
// per call and remembered; an error is not remembered, so every subject that
// reaches it computes it again and reports the same error.
//
// A peer-group aggregate (Plan::aggregates[e].peer) depends on the subject only
// through a few of its stored fields: it is remembered per distinct key (each
// field's presence and int64 value or text bytes, an absent field being its
// own key), errors again not remembered.
bool Eval::eval_aggregate(ExprId e, V& out) {
  const lower::AggregatePlan& ap = plan_.aggregate(e);
  if (!ap.peer.empty()) {
    // The key as bytes: per field, presence, then the int64 value or the
    // text's length and bytes (so no two keys run together).
    std::string key;
    auto put = [&key](int64_t v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
    for (const lower::AggregatePlan::PeerKey& k : ap.peer) {
      const fides_column& c = ctx_->records[k.record].columns[k.column];
      bool present = !k.optional || c.present[subject_] != 0;
      put(present);
      if (!present) continue;
      if (k.text) {
        fides_str s = c.texts[subject_];
        put(s.len);
        if (s.len > 0) key.append(s.ptr, static_cast<size_t>(s.len));
        continue;
      }
      int64_t v = c.values[subject_];
      if (p_.records[k.record].fields[k.field].type.kind == TypeKind::bool_) v = v != 0;
      put(v);
    }
    if (auto m = peer_memo_.find(e.index); m != peer_memo_.end())
      if (auto it = m->second.find(key); it != m->second.end()) {
        out = it->second;
        return true;
      }
    if (!aggregate_rows(e, out)) return false;
    peer_memo_[e.index].emplace(std::move(key), out);
    return true;
  }
  if (!ap.memo) return aggregate_rows(e, out);
  if (auto it = memo_.find(e.index); it != memo_.end()) {
    out = it->second;
    return true;
  }
  if (!aggregate_rows(e, out)) return false;
  memo_.emplace(e.index, out);
  return true;
}

// For each element in order: bind the variable, test `where`, then use E / the
// order key. count, exists (stops at the first match), sum, min, max, avg,
// count(distinct E), first, last (docs/evaluation.md, Collections). With an
// equality index in the plan, the elements are the one group whose value is
// the key, and `where` is the plan's residual conjuncts.
bool Eval::aggregate_rows(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  const lower::AggregatePlan& ap = plan_.aggregate(e);
  AggregateKind kind = x.aggregate_kind;
  ExprId where = x.kids.size() > 1 ? x.kids[1] : ExprId();
  ExprId value = x.kids.size() > 2 ? x.kids[2] : ExprId();
  ExprId order = x.kids.size() > 3 ? x.kids[3] : ExprId();
  ExprId rank = x.kids.size() > 4 ? x.kids[4] : ExprId();
  V p = V::of(50);  // median is percentile(50, …)
  if (rank.valid() && !used(rank, p)) return false;
  const int64_t* rows = nullptr;
  int64_t n = 0;
  const ExprId* conds = where.valid() ? &where : nullptr;
  size_t n_conds = where.valid() ? 1 : 0;
  if (ap.index >= 0) {
    V key;
    if (!used(ap.key, key)) return false;  // planned only when it cannot fail
    find_group(ctx_->indexes[ap.index], ap.key_kind, key, rows, n);
    conds = ap.residual.data();
    n_conds = ap.residual.size();
  } else {
    V list;
    if (!eval(x.kids[0], list)) return false;
    elements(list, rows, n);
  }

  TypeKind vk = value.valid() ? p_.used_type(value).kind : TypeKind::int_;
  TypeKind ok_kind = order.valid() ? p_.used_type(order).kind : TypeKind::int_;
  bool int_sum = vk == TypeKind::int_;
  int64_t count = 0, acc = 0;
  bool have = false;
  V best, best_key;
  std::vector<int64_t> values;      // count distinct (non-text), median, percentile, stddev
  std::vector<fides_str> texts;     // count distinct of text

  bound_.emplace_back(e.index, V{});
  size_t slot = bound_.size() - 1;
  auto done = [&](bool ok) {
    bound_.resize(slot);
    return ok;
  };
  for (int64_t k = 0; k < n; ++k) {
    bound_[slot].second = V::of(rows ? rows[k] : k);
    bool match = true;
    for (size_t c = 0; c < n_conds && match; ++c) {
      V w;
      if (!used(conds[c], w)) return done(false);
      match = w.i != 0;
    }
    if (!match) continue;
    switch (kind) {
      case AggregateKind::count: ++count; break;
      case AggregateKind::exists: out = V::of(1); return done(true);
      case AggregateKind::sum:
      case AggregateKind::avg: {
        V v;
        if (!used(value, v)) return done(false);
        int st = int_sum ? fides_int_add(acc, v.i, &acc) : fides_dec_add(acc, v.i, &acc);
        if (st != FIDES_OK) return done(fail(e, st));
        ++count;
        break;
      }
      case AggregateKind::min:
      case AggregateKind::max: {
        V v;
        if (!used(value, v)) return done(false);
        int c = have ? compare(v, best, vk) : 0;
        if (!have || (kind == AggregateKind::min ? c < 0 : c > 0)) best = v;
        have = true;
        break;
      }
      case AggregateKind::count_distinct: {
        V v;
        if (!used(value, v)) return done(false);
        if (vk == TypeKind::text) texts.push_back(v.s);
        else values.push_back(v.i);
        break;
      }
      case AggregateKind::median:
      case AggregateKind::percentile:
      case AggregateKind::stddev: {
        V v;
        if (!used(value, v)) return done(false);
        values.push_back(v.i);
        break;
      }
      case AggregateKind::first:
      case AggregateKind::last: {
        V element = bound_[slot].second;
        if (!order.valid()) {
          if (kind == AggregateKind::first) {
            out = element;
            return done(true);
          }
          best = element;
          have = true;
          break;
        }
        V key;
        if (!used(order, key)) return done(false);
        int c = have ? compare(key, best_key, ok_kind) : 0;
        // first: smallest, ties to the earliest; last: largest, ties to the latest.
        if (!have || (kind == AggregateKind::first ? c < 0 : c >= 0)) {
          best = element;
          best_key = key;
        }
        have = true;
        break;
      }
    }
  }
  switch (kind) {
    case AggregateKind::count: out = V::of(count); break;
    case AggregateKind::exists: out = V::of(0); break;
    case AggregateKind::sum: out = V::of(acc); break;
    case AggregateKind::avg: {
      if (count == 0) {
        out = V::absent();
        break;
      }
      int64_t sum = acc, r = 0;
      if (int_sum) {
        int st = fides_int_to_dec(acc, &sum);
        if (st != FIDES_OK) return done(fail(e, st));
      }
      int st = fides_dec_div_int(sum, count, &r);
      if (st != FIDES_OK) return done(fail(e, st));
      out = V::of(r);
      break;
    }
    case AggregateKind::min:
    case AggregateKind::max:
    case AggregateKind::first:
    case AggregateKind::last: out = have ? best : V::absent(); break;
    case AggregateKind::count_distinct: {
      auto size = [](const auto& v) { return static_cast<int64_t>(v.size()); };
      out = V::of(vk == TypeKind::text ? fides_count_distinct_text(texts.data(), size(texts))
                                       : fides_count_distinct_int(values.data(), size(values)));
      break;
    }
    case AggregateKind::median:
    case AggregateKind::percentile:
    case AggregateKind::stddev: {
      int64_t r = 0, m = static_cast<int64_t>(values.size());
      bool ints = vk == TypeKind::int_;
      int st = kind == AggregateKind::stddev ? fides_stddev(values.data(), m, ints, &r)
                                             : fides_percentile(values.data(), m, p.i, ints, &r);
      if (st != FIDES_OK) return done(fail(e, st));
      out = values.empty() ? V::absent() : V::of(r);
      break;
    }
  }
  return done(true);
}

// The subject against each band's bound in order; the first that holds gives
// the value (only that band's value is evaluated), else `otherwise`.
bool Eval::eval_bins(ExprId e, V& out) {
  const ast::Expr& x = m_.expr(e);
  V subject;
  if (!used(x.kids[0], subject)) return false;
  TypeKind sk = p_.used_type(x.kids[0]).kind;
  for (size_t i = 0; i < x.band_ops.size(); ++i) {
    ExprId bound = x.kids[1 + 2 * i];
    V b;
    if (!used(bound, b)) return false;
    TypeKind bk = p_.used_type(bound).kind;
    V s = subject;
    TypeKind k = sk;
    if (sk == TypeKind::int_ && (bk == TypeKind::decimal || bk == TypeKind::money)) {
      // An int subject against a decimal bound is compared as a decimal
      // (fides_int_to_dec, whose overflow is an error at the subject).
      int st = fides_int_to_dec(subject.i, &s.i);
      if (st != FIDES_OK) return fail(x.kids[0], st);
      k = TypeKind::decimal;
    }
    int c = compare(s, b, k);
    bool holds = false;
    switch (x.band_ops[i]) {
      case BinaryOp::lt: holds = c < 0; break;
      case BinaryOp::le: holds = c <= 0; break;
      case BinaryOp::gt: holds = c > 0; break;
      case BinaryOp::ge: holds = c >= 0; break;
      case BinaryOp::eq: holds = c == 0; break;
      case BinaryOp::ne: holds = c != 0; break;
      default: break;
    }
    if (holds) return used(x.kids[2 + 2 * i], out);
  }
  return used(x.kids.back(), out);
}

}  // namespace fides::interp
