// Unary and binary operators, comparisons, and/or, ??, if, bins.
#include "ast/chains.h"
#include "codegen/codegen_context.h"

namespace fides::codegen {

using ast::BinaryOp;

Val PackCodegen::eval_unary(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  Val v = use(x.kids[0]);
  Val out;
  if (x.unary_op == ast::UnaryOp::not_) {
    out.a = b_.CreateNot(v.a);
    return out;
  }
  TypeKind k = p_.used_type(x.kids[0]).kind;
  out.a = call_status(k == TypeKind::int_ ? "fides_int_neg" : "fides_dec_neg", {v.a}, t_.i64, e);
  return out;
}

Val PackCodegen::eval_binary(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  switch (x.binary_op) {
    case BinaryOp::add:
    case BinaryOp::sub:
    case BinaryOp::mul:
    case BinaryOp::div: return eval_arith(e);
    case BinaryOp::eq:
    case BinaryOp::ne:
    case BinaryOp::lt:
    case BinaryOp::le:
    case BinaryOp::gt:
    case BinaryOp::ge: return eval_compare(e);
    case BinaryOp::and_:
    case BinaryOp::or_: return eval_logic(e);
    case BinaryOp::coalesce: return eval_coalesce(e);
    case BinaryOp::in:
    case BinaryOp::not_in: return eval_in(e);
    case BinaryOp::like: return eval_like(e);
  }
  return {};
}

Val PackCodegen::eval_arith(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  ExprId l = x.kids[0], r = x.kids[1];
  Type lt = p_.used_type(l), rt = p_.used_type(r);
  BinaryOp op = x.binary_op;
  Val out;
  // date ± duration, duration + date, date − date
  if (lt.kind == TypeKind::date && rt.kind == TypeKind::duration)
    return date_shift(e, use(l), r, op == BinaryOp::sub);
  if (lt.kind == TypeKind::duration && rt.kind == TypeKind::date) {
    Val d = use(r);
    return date_shift(e, d, l, false);
  }
  if (lt.kind == TypeKind::date && rt.kind == TypeKind::date) {
    Val a = use(l), b = use(r);
    out.a = call("fides_date_diff_days", {to_i32(a.a), to_i32(b.a)});
    return out;
  }
  if (lt.kind == TypeKind::text) {
    Val a = use(l), b = use(r);
    llvm::AllocaInst* slot = entry_alloca(t_.str, "concat");
    llvm::Value* st = call("fides_text_concat", {arena_, a.a, a.b, b.a, b.b, slot});
    oom_if_status(st);
    out.a = load_field(t_.str, slot, abi::kStrPtr, t_.ptr);
    out.b = load_field(t_.str, slot, abi::kStrLen, t_.i64);
    return out;
  }
  if (op == BinaryOp::div) {
    // int / int through fides_int_div on the integers themselves.
    if (p_.type(l).kind == TypeKind::int_ && p_.type(r).kind == TypeKind::int_) {
      Val a = eval(l), b = eval(r);
      out.a = call_status("fides_int_div", {a.a, b.a}, t_.i64, e);
      return out;
    }
    Val a = use(l), b = use(r);
    out.a = call_status("fides_dec_div", {a.a, b.a}, t_.i64, e);
    return out;
  }
  Val a = use(l), b = use(r);
  bool is_int = p_.type(e).kind == TypeKind::int_;
  const char* fn = nullptr;
  switch (op) {
    case BinaryOp::add: fn = is_int ? "fides_int_add" : "fides_dec_add"; break;
    case BinaryOp::sub: fn = is_int ? "fides_int_sub" : "fides_dec_sub"; break;
    default: fn = is_int ? "fides_int_mul" : "fides_dec_mul"; break;
  }
  out.a = call_status(fn, {a.a, b.a}, t_.i64, e);
  return out;
}

llvm::Value* PackCodegen::values_equal(TypeKind kind, const Val& l, const Val& r) {
  if (rep_of(kind) == Rep::text) return call("fides_text_eq", {l.a, l.b, r.a, r.b});
  return b_.CreateICmpEQ(l.a, r.a);
}

llvm::Value* PackCodegen::compare(BinaryOp op, TypeKind kind, const Val& l, const Val& r) {
  llvm::Value* a = l.a;
  llvm::Value* b = r.a;
  if (rep_of(kind) == Rep::text) {
    if (op == BinaryOp::eq) return call("fides_text_eq", {l.a, l.b, r.a, r.b});
    if (op == BinaryOp::ne) return b_.CreateNot(call("fides_text_eq", {l.a, l.b, r.a, r.b}));
    a = call("fides_text_cmp", {l.a, l.b, r.a, r.b});
    b = i32(0);
  }
  switch (op) {
    case BinaryOp::eq: return b_.CreateICmpEQ(a, b);
    case BinaryOp::ne: return b_.CreateICmpNE(a, b);
    case BinaryOp::lt: return b_.CreateICmpSLT(a, b);
    case BinaryOp::le: return b_.CreateICmpSLE(a, b);
    case BinaryOp::gt: return b_.CreateICmpSGT(a, b);
    case BinaryOp::ge: return b_.CreateICmpSGE(a, b);
    default: return b_.getFalse();
  }
}

Val PackCodegen::eval_compare(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  Val a = use(x.kids[0]);
  Val b = use(x.kids[1]);
  TypeKind k = p_.used_type(x.kids[0]).kind;
  if (k == TypeKind::bool_) {
    a.a = b_.CreateZExt(a.a, t_.i64);
    b.a = b_.CreateZExt(b.a, t_.i64);
  }
  Val out;
  out.a = compare(x.binary_op, k, a, b);
  return out;
}

Val PackCodegen::eval_logic(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  bool is_and = x.binary_op == BinaryOp::and_;
  llvm::Value* l = cond(x.kids[0]);
  llvm::BasicBlock* left_end = b_.GetInsertBlock();
  llvm::BasicBlock* right = block(is_and ? "and.rhs" : "or.rhs");
  llvm::BasicBlock* join = block(is_and ? "and.end" : "or.end");
  if (is_and) b_.CreateCondBr(l, right, join);
  else b_.CreateCondBr(l, join, right);
  b_.SetInsertPoint(right);
  llvm::Value* r = cond(x.kids[1]);
  llvm::BasicBlock* right_end = b_.GetInsertBlock();
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  llvm::PHINode* phi = b_.CreatePHI(b_.getInt1Ty(), 2);
  phi->addIncoming(is_and ? b_.getFalse() : b_.getTrue(), left_end);
  phi->addIncoming(r, right_end);
  Val out;
  out.a = phi;
  return out;
}

// `a ?? b ?? … ?? z` is right-deep: a loop down the chain opens one
// present/default branch per `??`, then a loop back up joins them, innermost
// first, converting each joined value as the `??` above it uses it.
Val PackCodegen::eval_coalesce(ExprId e) {
  struct Open {
    ExprId node;
    Val left;
    llvm::BasicBlock* left_end;
    llvm::BasicBlock* join;
  };
  std::vector<Open> open;
  for (ExprId n = e; n.valid(); n = ast::chain_next(m_, n)) {
    Val l = use(m_.expr(n).kids[0]);
    llvm::Value* present = present_of(l);
    llvm::BasicBlock* left_end = b_.GetInsertBlock();
    llvm::BasicBlock* right = block("coalesce.default");
    llvm::BasicBlock* join = block("coalesce.end");
    b_.CreateCondBr(present, join, right);
    b_.SetInsertPoint(right);
    open.push_back({n, l, left_end, join});
  }
  Val r = use(m_.expr(open.back().node).kids[1]);
  for (size_t i = open.size(); i-- > 0;) {
    const Open& o = open[i];
    Type t = p_.type(o.node);
    llvm::BasicBlock* right_end = b_.GetInsertBlock();
    b_.CreateBr(o.join);
    b_.SetInsertPoint(o.join);
    // The left value, present: its flag is true on that edge.
    Val lv = o.left;
    lv.present = t.optional ? b_.getTrue() : nullptr;
    Val joined = merge(t, o.left_end, lv, right_end, materialize_optional(r, t));
    if (i == 0) return joined;
    r = convert(joined, t, p_.used_type(o.node), o.node);
  }
  return r;
}

Val PackCodegen::eval_if(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  Type t = p_.type(e);
  llvm::Value* c = cond(x.kids[0]);
  llvm::BasicBlock* then_bb = block("if.then");
  llvm::BasicBlock* else_bb = block("if.else");
  llvm::BasicBlock* join = block("if.end");
  b_.CreateCondBr(c, then_bb, else_bb);
  b_.SetInsertPoint(then_bb);
  Val a = materialize_optional(use(x.kids[1]), t);
  llvm::BasicBlock* then_end = b_.GetInsertBlock();
  b_.CreateBr(join);
  b_.SetInsertPoint(else_bb);
  Val bv = materialize_optional(use(x.kids[2]), t);
  llvm::BasicBlock* else_end = b_.GetInsertBlock();
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  return merge(t, then_end, a, else_end, bv);
}

Val PackCodegen::eval_bins(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  Type t = p_.type(e);
  ExprId subject_e = x.kids[0];
  Type st = p_.used_type(subject_e);
  Val subject = use(subject_e);
  llvm::BasicBlock* join = block("bins.end");
  std::vector<std::pair<llvm::BasicBlock*, Val>> in;
  size_t bands = x.band_ops.size();
  for (size_t i = 0; i < bands; ++i) {
    ExprId bound_e = x.kids[1 + 2 * i];
    ExprId value_e = x.kids[2 + 2 * i];
    Type bt = p_.used_type(bound_e);
    Val bound = use(bound_e);
    Val s = subject;
    TypeKind k = st.kind;
    if (st.is_numeric() && bt.is_numeric() && st.kind == TypeKind::int_ && bt.kind != TypeKind::int_) {
      // An int subject against a decimal bound is compared as a decimal.
      s = convert(subject, Type::of(TypeKind::int_), Type::of(TypeKind::decimal), subject_e);
      k = TypeKind::decimal;
    }
    if (k == TypeKind::bool_) {
      s.a = b_.CreateZExt(s.a, t_.i64);
      bound.a = b_.CreateZExt(bound.a, t_.i64);
    }
    llvm::Value* hit = compare(x.band_ops[i], k, s, bound);
    llvm::BasicBlock* take = block("bins.take");
    llvm::BasicBlock* next = block("bins.next");
    b_.CreateCondBr(hit, take, next);
    b_.SetInsertPoint(take);
    Val v = materialize_optional(use(value_e), t);
    in.push_back({b_.GetInsertBlock(), v});
    b_.CreateBr(join);
    b_.SetInsertPoint(next);
  }
  Val other = materialize_optional(use(x.kids.back()), t);
  in.push_back({b_.GetInsertBlock(), other});
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  return phi_of(t, in);
}

}  // namespace fides::codegen
