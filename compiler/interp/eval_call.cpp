// Calls: built-ins by BuiltinId (through the C built-ins), and defs.
#include <cstring>

#include "interp/eval.h"

namespace fides::interp {

using sema::BuiltinId;
using sema::RefKind;

bool Eval::eval_call(ExprId e, V& out) {
  const sema::Resolution& r = p_.resolution(e);
  if (r.kind == RefKind::def) return eval_def(e, r.index, out);
  if (r.kind == RefKind::builtin) return eval_builtin(e, static_cast<BuiltinId>(r.index), out);
  return fail(e, "internal error: unresolved call");
}

// Arguments left to right (converted to the parameter types), then the body
// with the arguments bound.
bool Eval::eval_def(ExprId e, uint32_t def, V& out) {
  const ast::Expr& x = m_.expr(e);
  std::vector<V> args;
  args.reserve(x.kids.size());
  for (ExprId k : x.kids) {
    V v;
    if (!used(k, v)) return false;
    args.push_back(v);
  }
  frames_.emplace_back(def, std::move(args));
  bool ok = used(p_.defs[def].body, out);
  frames_.pop_back();
  return ok;
}

bool Eval::eval_builtin(ExprId e, BuiltinId id, V& out) {
  const ast::Expr& x = m_.expr(e);
  if (id == BuiltinId::present) {
    V v;
    if (!eval(x.kids[0], v)) return false;
    out = V::of(v.present ? 1 : 0);
    return true;
  }
  if (id == BuiltinId::hits) {
    V v;
    if (!eval(x.kids[0], v)) return false;
    out = V::of(v.i);
    out.a = static_cast<uint32_t>(ListKind::hits);
    out.b = p_.types[x.kids[0].index].record.index;
    return true;
  }
  if (id == BuiltinId::text_of) {  // absent stays absent; else printed as in output files
    V v;
    if (!eval(x.kids[0], v)) return false;
    if (!v.present) {
      out = V::absent();
      return true;
    }
    std::string printed;
    print(v, p_.type(x.kids[0]).non_optional(), printed);
    return text_in_arena(e, printed, out);
  }
  V a[3];
  for (size_t k = 0; k < x.kids.size() && k < 3; ++k)
    if (!used(x.kids[k], a[k])) return false;
  auto d32 = [](const V& v) { return static_cast<int32_t>(v.i); };
  auto boolean = [&](bool b) {
    out = V::of(b ? 1 : 0);
    return true;
  };
  auto value = [&](int64_t v) {
    out = V::of(v);
    return true;
  };
  // status(st, &r): the result of a built-in that can fail (r read after the call).
  auto status = [&](int st, const int64_t* v) {
    if (st != FIDES_OK) return fail(e, st);
    out = V::of(*v);
    return true;
  };
  auto text_status = [&](int st, const fides_str* s) {
    if (st != FIDES_OK) return fail(e, st);
    out = V::text(*s);
    return true;
  };
  int64_t r = 0;
  fides_str s{nullptr, 0};
  switch (id) {
    case BuiltinId::len: return value(fides_text_len(a[0].s));
    case BuiltinId::starts_with: return boolean(fides_text_starts_with(a[0].s, a[1].s));
    case BuiltinId::ends_with: return boolean(fides_text_ends_with(a[0].s, a[1].s));
    case BuiltinId::contains: return boolean(fides_text_contains(a[0].s, a[1].s));
    case BuiltinId::substr_from: out = V::text(fides_text_substr_from(a[0].s, a[1].i)); return true;
    case BuiltinId::substr: out = V::text(fides_text_substr(a[0].s, a[1].i, a[2].i)); return true;
    case BuiltinId::upper: return text_status(fides_text_upper(&arena_, a[0].s, &s), &s);
    case BuiltinId::lower: return text_status(fides_text_lower(&arena_, a[0].s, &s), &s);
    case BuiltinId::trim: out = V::text(fides_text_trim(a[0].s)); return true;
    case BuiltinId::idcard_valid: return boolean(fides_idcard_valid(a[0].s));
    case BuiltinId::idcard_birth: {
      int32_t d = 0;
      out = fides_idcard_birth(a[0].s, &d) ? V::of(d) : V::absent();
      return true;
    }
    case BuiltinId::idcard_gender: {
      int g = fides_idcard_gender(a[0].s);
      out = g == FIDES_GENDER_ABSENT ? V::absent() : V::text(fides_gender_text(g));
      return true;
    }
    case BuiltinId::abs_int: return status(fides_int_abs(a[0].i, &r), &r);
    case BuiltinId::abs_dec: return status(fides_dec_abs(a[0].i, &r), &r);
    case BuiltinId::round: return value(fides_dec_round(a[0].i));
    case BuiltinId::round_n: return status(fides_dec_round_n(a[0].i, a[1].i, &r), &r);
    case BuiltinId::floor: return value(fides_dec_floor(a[0].i));
    case BuiltinId::ceil: return value(fides_dec_ceil(a[0].i));
    case BuiltinId::min_int: return value(fides_int_min(a[0].i, a[1].i));
    case BuiltinId::min_dec: return value(fides_dec_min(a[0].i, a[1].i));
    case BuiltinId::min_date: return value(a[0].i <= a[1].i ? a[0].i : a[1].i);
    case BuiltinId::max_int: return value(fides_int_max(a[0].i, a[1].i));
    case BuiltinId::max_dec: return value(fides_dec_max(a[0].i, a[1].i));
    case BuiltinId::max_date: return value(a[0].i >= a[1].i ? a[0].i : a[1].i);
    case BuiltinId::clamp_int: return value(fides_int_clamp(a[0].i, a[1].i, a[2].i));
    case BuiltinId::clamp_dec: return value(fides_dec_clamp(a[0].i, a[1].i, a[2].i));
    case BuiltinId::year: return value(fides_date_year(d32(a[0])));
    case BuiltinId::month: return value(fides_date_month(d32(a[0])));
    case BuiltinId::day: return value(fides_date_day(d32(a[0])));
    case BuiltinId::years_between: return value(fides_years_between(d32(a[0]), d32(a[1])));
    case BuiltinId::date: {
      int32_t d = 0;
      int st = fides_date_from_ymd(a[0].i, a[1].i, a[2].i, &d);
      r = d;
      return status(st, &r);
    }
    case BuiltinId::date_of_text: {
      int32_t d = 0;
      out = fides_parse_date(a[0].s, &d) == FIDES_OK ? V::of(d) : V::absent();
      return true;
    }
    case BuiltinId::int_of_text:
      out = fides_parse_int(a[0].s, &r) == FIDES_OK ? V::of(r) : V::absent();
      return true;
    case BuiltinId::decimal_of_text:
      out = fides_parse_decimal(a[0].s, &r) == FIDES_OK ? V::of(r) : V::absent();
      return true;
    case BuiltinId::div: return status(fides_int_floor_div(a[0].i, a[1].i, &r), &r);
    case BuiltinId::mod: return status(fides_int_floor_mod(a[0].i, a[1].i, &r), &r);
    case BuiltinId::uniform: return value(fides_uniform(a[0].s, a[1].s));
    case BuiltinId::text_of:
    case BuiltinId::present:
    case BuiltinId::hits:
    case BuiltinId::count_: break;
  }
  return fail(e, "internal error: unknown built-in");
}

}  // namespace fides::interp
