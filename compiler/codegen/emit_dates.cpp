// Durations and date arithmetic. Dates are i64 days in registers (as in the
// columns) and i32 at the built-ins.
#include "codegen/codegen_context.h"

namespace fides::codegen {

// The unit of a duration-typed expression: the duration literal itself, or
// one reached through a let or def parameter.
std::optional<ast::DurationUnit> PackCodegen::duration_unit_of(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  if (x.kind == ast::ExprKind::duration) return x.duration_unit;
  if (x.kind == ast::ExprKind::name) {
    const sema::Resolution& r = p_.resolution(e);
    switch (r.kind) {
      case sema::RefKind::rule_let:
      case sema::RefKind::scorecard_let:
      case sema::RefKind::group_let: return duration_unit_of(p_.local_let(r).value);
      case sema::RefKind::global_let: return duration_unit_of(p_.lets[r.index].value);
      case sema::RefKind::def_param:
        for (auto it = frames_.rbegin(); it != frames_.rend(); ++it)
          if (it->def == r.index && r.sub < it->arg_exprs.size()) return duration_unit_of(it->arg_exprs[r.sub]);
        return std::nullopt;
      default: return std::nullopt;
    }
  }
  if (x.kind == ast::ExprKind::if_) return duration_unit_of(x.kids[1]);
  return std::nullopt;
}

Val PackCodegen::date_shift(ExprId e, Val date, ExprId duration, bool subtract) {
  std::optional<ast::DurationUnit> unit = duration_unit_of(duration);
  if (!unit) {
    if (!error_)
      error_ = llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "cannot tell the unit of this duration" + location_suffix(duration));
    unit = ast::DurationUnit::days;
  }
  Val n = use(duration);
  const char* fn = nullptr;
  switch (*unit) {
    case ast::DurationUnit::days: fn = subtract ? "fides_date_sub_days" : "fides_date_add_days"; break;
    case ast::DurationUnit::weeks: fn = subtract ? "fides_date_sub_weeks" : "fides_date_add_weeks"; break;
    case ast::DurationUnit::months: fn = subtract ? "fides_date_sub_months" : "fides_date_add_months"; break;
    case ast::DurationUnit::years: fn = subtract ? "fides_date_sub_years" : "fides_date_add_years"; break;
  }
  Val out;
  out.a = from_i32(call_status(fn, {to_i32(date.a), n.a}, t_.i32, e));
  return out;
}

}  // namespace fides::codegen
