// The subject loop shared by rules and scorecards, error reporting, the
// per-rule functions (effective → when → amount, points, message) and the
// eval_rule / eval_scorecard dispatchers.
#include "builtins/fides_builtins.h"
#include "codegen/codegen_context.h"
#include "llvm/IR/Constants.h"

namespace fides::codegen {

llvm::Function* PackCodegen::begin_subject_function(const std::string& name, Owner owner, uint32_t index,
                                                    uint32_t record) {
  auto* type = llvm::FunctionType::get(t_.i32, {t_.ptr, t_.i64, t_.i64}, false);
  fn_ = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, name, module_);
  fn_->setDoesNotThrow();
  ctx_ = fn_->getArg(0);
  begin_ = fn_->getArg(1);
  end_ = fn_->getArg(2);
  owner_ = owner;
  owner_index_ = index;
  subject_record_ = record;
  lets_.clear();
  agg_vars_.clear();
  frames_.clear();
  score_.reset();

  entry_ = llvm::BasicBlock::Create(c_, "entry", fn_);
  llvm::BasicBlock* header = block("subject");
  reset_ = block("subject.start");
  body_ = block("subject.body");
  latch_ = block("subject.next");
  exit_ = block("done");
  fail_fn_ = nullptr;
  status_out_slots_.clear();
  oom_ = block("oom");

  b_.SetInsertPoint(entry_);
  // fides_arena (4 words), zero-initialised.
  llvm::AllocaInst* arena = b_.CreateAlloca(llvm::ArrayType::get(t_.i64, 4), nullptr, "arena");
  arena_ = arena;
  b_.CreateMemSet(arena, b_.getInt8(0), 32, llvm::MaybeAlign(8));
  // The subject's row, for the fail function. Failing sites pass this slot,
  // not the row itself: thousands of uses of the loop's induction variable
  // make ScalarEvolution's invalidation quadratic.
  row_slot_ = b_.CreateAlloca(t_.i64, nullptr, "row.slot");
  b_.CreateBr(header);

  b_.SetInsertPoint(header);
  row_ = b_.CreatePHI(t_.i64, 2, "row");
  row_->addIncoming(begin_, entry_);
  b_.CreateCondBr(b_.CreateICmpSLT(row_, end_), reset_, exit_);

  b_.SetInsertPoint(reset_);
  b_.CreateStore(row_, row_slot_);
  call("fides_arena_reset", {arena_});
  b_.CreateBr(body_);

  b_.SetInsertPoint(latch_);
  row_->addIncoming(b_.CreateAdd(row_, i64(1)), latch_);
  b_.CreateBr(header);

  b_.SetInsertPoint(oom_);
  call("fides_arena_free", {arena_});
  b_.CreateRet(i32(1));

  b_.SetInsertPoint(exit_);
  call("fides_arena_free", {arena_});
  b_.CreateRet(i32(0));

  b_.SetInsertPoint(body_);
  return fn_;
}

void PackCodegen::end_subject_function() {
  b_.CreateBr(latch_);
  if (fail_fn_) emit_fail_function_body();
}

llvm::Function* PackCodegen::fail_function() {
  if (fail_fn_) return fail_fn_;
  auto* type = llvm::FunctionType::get(b_.getInt1Ty(), {t_.ptr, t_.ptr, t_.ptr, t_.i32, t_.ptr, t_.i64}, false);
  fail_fn_ = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, fn_->getName() + ".fail", module_);
  fail_fn_->addFnAttr(llvm::Attribute::NoInline);
  fail_fn_->addFnAttr(llvm::Attribute::Cold);
  return fail_fn_;
}

// The message is the status text and the location suffix, or (status -1) a
// message composed at the failing site. Emitted with the builder's
// per-function state pointed at the fail function, then restored.
void PackCodegen::emit_fail_function_body() {
  llvm::Function* subject_fn = fn_;
  fn_ = fail_fn_;
  llvm::Value* subject_arena = arena_;
  llvm::BasicBlock* subject_oom = oom_;
  llvm::Value* ctx = fn_->getArg(0);
  arena_ = fn_->getArg(1);
  llvm::BasicBlock* entry = block("entry");
  b_.SetInsertPoint(entry);
  llvm::Value* row = b_.CreateLoad(t_.i64, fn_->getArg(2), "row");
  llvm::Value* status = fn_->getArg(3);
  Val where;
  where.a = fn_->getArg(4);
  where.b = fn_->getArg(5);

  oom_ = block("oom");
  llvm::BasicBlock* composed = block("fail.composed");
  llvm::BasicBlock* status_bb = block("fail.status");
  llvm::BasicBlock* not_oom = block("fail.message");
  llvm::BasicBlock* send = block("fail.send");
  b_.SetInsertPoint(oom_);
  b_.CreateRet(b_.getTrue());

  b_.SetInsertPoint(entry);
  b_.CreateCondBr(b_.CreateICmpEQ(status, i32(-1)), composed, status_bb);

  b_.SetInsertPoint(status_bb);
  b_.CreateCondBr(b_.CreateICmpEQ(status, i32(FIDES_ERR_NOMEM)), oom_, not_oom);
  b_.SetInsertPoint(not_oom);
  llvm::Value* idx = b_.CreateZExt(status, t_.i64);
  idx = b_.CreateSelect(b_.CreateICmpULT(idx, i64(FIDES_STATUS_COUNT)), idx, i64(0));
  auto* table_type = llvm::ArrayType::get(t_.str, FIDES_STATUS_COUNT);
  llvm::Value* entry_ptr = b_.CreateGEP(table_type, status_messages_, {i64(0), idx});
  Val message;
  message.a = load_field(t_.str, entry_ptr, abi::kStrPtr, t_.ptr);
  message.b = load_field(t_.str, entry_ptr, abi::kStrLen, t_.i64);
  Val full = concat({message, where});
  llvm::BasicBlock* not_oom_end = b_.GetInsertBlock();
  b_.CreateBr(send);

  b_.SetInsertPoint(composed);
  b_.CreateBr(send);

  b_.SetInsertPoint(send);
  llvm::PHINode* ptr = b_.CreatePHI(t_.ptr, 2);
  llvm::PHINode* len = b_.CreatePHI(t_.i64, 2);
  ptr->addIncoming(full.a, not_oom_end);
  len->addIncoming(full.b, not_oom_end);
  ptr->addIncoming(where.a, composed);
  len->addIncoming(where.b, composed);
  llvm::Value* out = load_field(t_.eval_ctx, ctx, abi::kCtxOut, t_.ptr);
  llvm::Value* sink = load_field(t_.eval_ctx, ctx, abi::kCtxSink, t_.ptr);
  llvm::Value* error_fn = load_field(t_.sink_vtbl, out, abi::kSinkError, t_.ptr);
  uint32_t kind = owner_ == Owner::rule        ? FIDES_ERROR_RULE
                  : owner_ == Owner::scorecard ? FIDES_ERROR_SCORECARD
                                               : FIDES_ERROR_GROUP;
  b_.CreateCall(t_.sink_error_fn, error_fn, {sink, i32(static_cast<int32_t>(kind)),
                                            i32(static_cast<int32_t>(owner_index_)), row, ptr, len});
  b_.CreateRet(b_.getFalse());

  fn_ = subject_fn;
  arena_ = subject_arena;
  oom_ = subject_oom;
}

llvm::Function* PackCodegen::emit_rule(uint32_t index) {
  const sema::Rule& r = p_.rules[index];
  llvm::Function* f = begin_subject_function("rule." + std::to_string(index), Owner::rule, index, r.record.index);
  if (r.effective) {
    const sema::Effective& eff = *r.effective;
    Val from, to;
    if (eff.from.valid()) from = use(eff.from);
    if (eff.to.valid()) to = use(eff.to);
    Val by = use(eff.by);
    llvm::Value* outside = b_.getFalse();
    if (eff.from.valid()) outside = b_.CreateOr(outside, b_.CreateICmpSLT(by.a, from.a));
    if (eff.to.valid()) outside = b_.CreateOr(outside, b_.CreateICmpSGT(by.a, to.a));
    llvm::BasicBlock* inside = block("effective");
    b_.CreateCondBr(outside, latch_, inside);
    b_.SetInsertPoint(inside);
  }
  llvm::Value* when = cond(r.when);
  llvm::BasicBlock* hit = block("hit");
  b_.CreateCondBr(when, hit, latch_);
  b_.SetInsertPoint(hit);
  llvm::Value* amount = r.amount.valid() ? use(r.amount).a : i64(0);
  llvm::Value* points = r.points.valid() ? use(r.points).a : i64(0);
  Val message = r.message.valid() ? use(r.message) : text_const("");
  llvm::Value* out = load_field(t_.eval_ctx, ctx_, abi::kCtxOut, t_.ptr);
  llvm::Value* sink = load_field(t_.eval_ctx, ctx_, abi::kCtxSink, t_.ptr);
  llvm::Value* finding_fn = load_field(t_.sink_vtbl, out, abi::kSinkFinding, t_.ptr);
  b_.CreateCall(t_.sink_finding_fn, finding_fn,
                {sink, i32(static_cast<int32_t>(index)), row_, amount, points, message.a, message.b});
  end_subject_function();
  return f;
}

// int eval(ctx, index, begin, end): switch on index to the per-item function
// (targets[i] for index i, or for index case_values[i] when given).
llvm::Function* PackCodegen::emit_dispatcher(const char* name, const std::vector<llvm::Function*>& targets,
                                             const std::vector<uint32_t>& case_values) {
  auto* f = llvm::Function::Create(t_.eval_fn, llvm::GlobalValue::InternalLinkage, name, module_);
  f->setDoesNotThrow();
  llvm::IRBuilder<> b(c_);
  auto* entry = llvm::BasicBlock::Create(c_, "entry", f);
  auto* bad = llvm::BasicBlock::Create(c_, "unknown", f);
  b.SetInsertPoint(bad);
  b.CreateRet(b.getInt32(1));
  b.SetInsertPoint(entry);
  llvm::SwitchInst* sw = b.CreateSwitch(f->getArg(1), bad, targets.size());
  for (size_t i = 0; i < targets.size(); ++i) {
    auto* bb = llvm::BasicBlock::Create(c_, "case", f);
    b.SetInsertPoint(bb);
    b.CreateRet(b.CreateCall(targets[i], {f->getArg(0), f->getArg(2), f->getArg(3)}));
    sw->addCase(b.getInt32(case_values.empty() ? static_cast<uint32_t>(i) : case_values[i]), bb);
  }
  return f;
}

llvm::Error PackCodegen::emit(llvm::Function*& eval_rule, llvm::Function*& eval_scorecard,
                              llvm::Function*& eval_group) {
  std::vector<llvm::Function*> rules, scorecards, groups;
  std::vector<uint32_t> group_records;
  for (uint32_t i = 0; i < p_.rules.size(); ++i) rules.push_back(emit_rule(i));
  for (uint32_t i = 0; i < p_.scorecards.size(); ++i) scorecards.push_back(emit_scorecard(i));
  for (const sema::Group& g : p_.groups) {
    groups.push_back(emit_group(g.record.index));
    group_records.push_back(g.record.index);
  }
  eval_rule = rules.empty() ? nullptr : emit_dispatcher("fides.eval_rule", rules);
  eval_scorecard = scorecards.empty() ? nullptr : emit_dispatcher("fides.eval_scorecard", scorecards);
  eval_group = groups.empty() ? nullptr : emit_dispatcher("fides.eval_group", groups, group_records);
  return std::move(error_);
}

}  // namespace fides::codegen
