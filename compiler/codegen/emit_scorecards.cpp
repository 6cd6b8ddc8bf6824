// Scorecards: base, items clamped to their limits, score = base + Σ items
// (overflow reported at the item that overflows), then the first grade band
// that holds with `score` bound; the sink gets the clamped item values.
#include "codegen/codegen_context.h"

namespace fides::codegen {

llvm::Function* PackCodegen::emit_scorecard(uint32_t index) {
  const sema::Scorecard& s = p_.scorecards[index];
  bool is_int = s.score_type.kind == TypeKind::int_;
  llvm::Function* f =
      begin_subject_function("scorecard." + std::to_string(index), Owner::scorecard, index, s.record.index);
  size_t n = s.items.size();
  llvm::AllocaInst* items = entry_alloca(llvm::ArrayType::get(t_.i64, n ? n : 1), "items");

  llvm::Value* base = s.base.valid() ? use(s.base).a : i64(0);
  std::vector<llvm::Value*> values;
  for (size_t k = 0; k < n; ++k) {
    const sema::ScoreItem& item = s.items[k];
    llvm::Value* v = use(item.value).a;
    if (item.limit_low && item.limit_high)
      v = call(is_int ? "fides_int_clamp" : "fides_dec_clamp", {v, i64(item.limit_low->i), i64(item.limit_high->i)});
    b_.CreateStore(v, b_.CreateConstGEP2_64(items->getAllocatedType(), items, 0, k));
    values.push_back(v);
  }
  llvm::Value* score = base;
  for (size_t k = 0; k < n; ++k)
    score = call_status(is_int ? "fides_int_add" : "fides_dec_add", {score, values[k]}, t_.i64, s.items[k].value);

  Val sv;
  sv.a = score;
  score_ = sv;
  llvm::BasicBlock* graded = block("graded");
  std::vector<std::pair<llvm::BasicBlock*, uint32_t>> grades;
  bool otherwise = false;
  for (size_t g = 0; g < s.grades.size(); ++g) {
    if (!s.grades[g].condition.valid()) {
      grades.push_back({b_.GetInsertBlock(), static_cast<uint32_t>(g)});
      b_.CreateBr(graded);
      otherwise = true;
      break;
    }
    llvm::Value* c = cond(s.grades[g].condition);
    llvm::BasicBlock* next = block("grade.next");
    grades.push_back({b_.GetInsertBlock(), static_cast<uint32_t>(g)});
    b_.CreateCondBr(c, graded, next);
    b_.SetInsertPoint(next);
  }
  if (!otherwise) {
    grades.push_back({b_.GetInsertBlock(), 0});
    b_.CreateBr(graded);
  }
  b_.SetInsertPoint(graded);
  llvm::PHINode* grade = b_.CreatePHI(t_.i32, grades.size(), "grade");
  for (auto& [bb, g] : grades) grade->addIncoming(i32(static_cast<int32_t>(g)), bb);
  score_.reset();

  llvm::Value* out = load_field(t_.eval_ctx, ctx_, abi::kCtxOut, t_.ptr);
  llvm::Value* sink = load_field(t_.eval_ctx, ctx_, abi::kCtxSink, t_.ptr);
  llvm::Value* score_fn = load_field(t_.sink_vtbl, out, abi::kSinkScore, t_.ptr);
  b_.CreateCall(t_.sink_score_fn, score_fn, {sink, i32(static_cast<int32_t>(index)), row_, score, grade, items});
  end_subject_function();
  return f;
}

}  // namespace fides::codegen
