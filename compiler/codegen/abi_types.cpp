#include "codegen/abi_types.h"

#include <initializer_list>

#include "llvm/IR/Type.h"

namespace fides::codegen {
namespace {

// The named struct `name` with `fields`, or the one this context already has.
llvm::StructType* named_struct(llvm::LLVMContext& context, llvm::StringRef name,
                               std::initializer_list<llvm::Type*> fields) {
  if (llvm::StructType* existing = llvm::StructType::getTypeByName(context, name)) return existing;
  return llvm::StructType::create(context, fields, name);
}

}  // namespace

AbiTypes AbiTypes::get(llvm::LLVMContext& context) {
  AbiTypes t;
  t.i8 = llvm::Type::getInt8Ty(context);
  t.i32 = llvm::Type::getInt32Ty(context);
  t.i64 = llvm::Type::getInt64Ty(context);
  t.ptr = llvm::PointerType::getUnqual(context);
  auto* i32 = t.i32;
  auto* i64 = t.i64;
  auto* ptr = t.ptr;

  t.str = named_struct(context, "fides_str", {ptr, i64});
  t.field_desc = named_struct(context, "fides_field_desc", {ptr, ptr, i32, i32, i32, i32});
  t.record_desc = named_struct(context, "fides_record_desc", {ptr, ptr, i32, i32, ptr, i32, i32, ptr});
  t.param_desc = named_struct(context, "fides_param_desc", {ptr, ptr, i32, i32, ptr, ptr, ptr});
  t.table_desc =
      named_struct(context, "fides_table_desc", {ptr, i32, i32, i32, i32, ptr, ptr, ptr, ptr, i64});
  t.rule_desc = named_struct(context, "fides_rule_desc", {ptr, ptr, ptr, i32, i32, i32, i32});
  t.scorecard_desc = named_struct(context, "fides_scorecard_desc",
                                  {ptr, ptr, i32, i32, i32, i32, ptr, ptr, i32, i32});
  t.source_desc = named_struct(context, "fides_source_desc", {ptr, ptr, i64});
  t.index_desc = named_struct(context, "fides_index_desc", {i32, i32, i32, i32, ptr});
  t.pack = named_struct(context, "fides_pack", {i32, i32, ptr, ptr, ptr, ptr,            //
                                                i32, i32, i32, i32, i32, i32, i32, i32,  //
                                                ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr});

  t.column = named_struct(context, "fides_column", {ptr, ptr, ptr});
  t.record_data = named_struct(context, "fides_record_data", {i64, ptr});
  t.index_data = named_struct(context, "fides_index_data", {i64, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr});
  t.table_data = named_struct(context, "fides_table_data", {i64, ptr, ptr, ptr, ptr});
  t.param_value = named_struct(context, "fides_param_value", {i64, t.str});
  t.findings_view = named_struct(context, "fides_findings_view", {i64, ptr, ptr, ptr, ptr, ptr});
  t.sink_vtbl = named_struct(context, "fides_sink_vtbl", {ptr, ptr, ptr, ptr});
  t.eval_ctx = named_struct(context, "fides_eval_ctx", {ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr});
  t.cached_element = named_struct(context, "fides_cached_element", {i64, t.i8, llvm::ArrayType::get(t.i8, 7)});
  t.row_cache = named_struct(context, "fides_row_cache", {ptr, ptr, ptr});

  t.eval_fn = llvm::FunctionType::get(i32, {ptr, i32, i64, i64}, false);
  t.entry_fn = llvm::FunctionType::get(ptr, {}, false);
  t.sink_finding_fn = llvm::FunctionType::get(llvm::Type::getVoidTy(context),
                                              {ptr, i32, i64, i64, i64, ptr, i64}, false);
  t.sink_score_fn = llvm::FunctionType::get(llvm::Type::getVoidTy(context),
                                            {ptr, i32, i64, i64, i32, ptr}, false);
  t.sink_error_fn = llvm::FunctionType::get(llvm::Type::getVoidTy(context),
                                            {ptr, i32, i32, i64, ptr, i64}, false);
  t.sink_group_member_fn = llvm::FunctionType::get(llvm::Type::getVoidTy(context),
                                                   {ptr, i32, i64, ptr, ptr}, false);
  return t;
}

}  // namespace fides::codegen
