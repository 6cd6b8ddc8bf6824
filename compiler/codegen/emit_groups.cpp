// eval_group: for each row of a group's `for` record, its `where` and then its
// keys; a row that passes and has every key is sent to the sink's
// group_member with the key values. The host forms the groups from them.
#include "codegen/codegen_context.h"

namespace fides::codegen {

llvm::Function* PackCodegen::emit_group(uint32_t group_record) {
  const sema::Group& g = p_.groups[p_.records[group_record].group];
  llvm::Function* f =
      begin_subject_function("group." + std::to_string(group_record), Owner::group, group_record, g.source.index);
  if (g.where.valid()) {
    llvm::BasicBlock* passed = block("group.where");
    b_.CreateCondBr(cond(g.where), passed, latch_);
    b_.SetInsertPoint(passed);
  }
  auto n = static_cast<uint64_t>(g.keys.size());
  llvm::AllocaInst* values = entry_alloca(llvm::ArrayType::get(t_.i64, n), "group.values");
  llvm::AllocaInst* texts = entry_alloca(llvm::ArrayType::get(t_.str, n), "group.texts");
  for (uint64_t k = 0; k < n; ++k) {
    ExprId key = g.keys[k];
    const Type& type = p_.type(key);
    Val v = eval(key);
    if (type.optional) {
      llvm::BasicBlock* present = block("group.key.present");
      b_.CreateCondBr(present_of(v), present, latch_);
      b_.SetInsertPoint(present);
    }
    if (type.kind == TypeKind::text) {
      llvm::Value* slot = b_.CreateConstGEP2_64(llvm::ArrayType::get(t_.str, n), texts, 0, k);
      b_.CreateStore(v.a, b_.CreateStructGEP(t_.str, slot, abi::kStrPtr));
      b_.CreateStore(v.b, b_.CreateStructGEP(t_.str, slot, abi::kStrLen));
    } else {
      llvm::Value* x = rep_of(type.kind) == Rep::i1 ? b_.CreateZExt(v.a, t_.i64) : v.a;
      b_.CreateStore(x, b_.CreateConstGEP2_64(llvm::ArrayType::get(t_.i64, n), values, 0, k));
    }
  }
  llvm::Value* out = load_field(t_.eval_ctx, ctx_, abi::kCtxOut, t_.ptr);
  llvm::Value* sink = load_field(t_.eval_ctx, ctx_, abi::kCtxSink, t_.ptr);
  llvm::Value* member_fn = load_field(t_.sink_vtbl, out, abi::kSinkGroupMember, t_.ptr);
  b_.CreateCall(t_.sink_group_member_fn, member_fn,
                {sink, i32(static_cast<int32_t>(group_record)), row_, values, texts});
  end_subject_function();
  return f;
}

}  // namespace fides::codegen
