#include "ast/chains.h"

namespace fides::ast {
namespace {

// Operators of one precedence level chain with each other; `??` only with `??`.
int chain_level(const Expr& x) {
  if (x.kind != ExprKind::binary) return -1;
  switch (x.binary_op) {
    case BinaryOp::add:
    case BinaryOp::sub: return 0;
    case BinaryOp::mul:
    case BinaryOp::div: return 1;
    case BinaryOp::and_: return 2;
    case BinaryOp::or_: return 3;
    case BinaryOp::coalesce: return 4;
    default: return -1;
  }
}

}  // namespace

ExprId chain_next(const Module& m, ExprId e) {
  if (!e.valid()) return ExprId();
  const Expr& x = m.expr(e);
  int level = chain_level(x);
  if (level < 0) return ExprId();
  ExprId next = x.binary_op == BinaryOp::coalesce ? x.kids[1] : x.kids[0];
  if (!next.valid() || chain_level(m.expr(next)) != level) return ExprId();
  return next;
}

std::vector<ExprId> chain_below(const Module& m, ExprId e) {
  std::vector<ExprId> below;
  for (ExprId n = chain_next(m, e); n.valid(); n = chain_next(m, n)) below.push_back(n);
  return {below.rbegin(), below.rend()};
}

}  // namespace fides::ast
