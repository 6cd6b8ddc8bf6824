#include "sample_pack.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "codegen/abi_types.h"
#include "codegen/builtins.h"
#include "codegen/emit_descriptor.h"
#include "codegen/finish_pack.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"

namespace fides::codegen::testing {

PackDescription sample_description() {
  using namespace std::string_literals;
  PackDescription p;
  p.name = "湖南省医保智能监控规则";
  p.version = "2024.2";
  p.compiler = "fides 0.1.0";
  p.hash = std::string(64, 'a');
  p.sources = {{"main.fides", "pack \"湖南省医保智能监控规则\" version \"2024.2\"\n"},
               {"common/限性别.fides", "# with a NUL \0 inside\n"s}};

  RecordDescription person{"Person", "参保人", "", 0, {}};
  person.fields = {{"id", "人员编号", AbiType::Text, false, -1, true},
                   {"gender", "性别", AbiType::Text, false, -1},
                   {"death", "死亡日期", AbiType::Date, true, -1}};
  RecordDescription line{"Line", "", "", 0, {}};
  line.fields = {{"id", "明细ID", AbiType::Text, false, -1},
                 {"person", "人员编号", AbiType::Ref, false, 0, true},
                 {"amount", "金额", AbiType::Money, false, -1}};
  p.records = {person, line};

  p.params = {{"readmit_days", "再入院间隔天数", AbiType::Int, "15", true, "1", "90"},
              {"start", "", AbiType::Date, "2024-01-01", false, "", ""}};

  TableDescription female_only;
  female_only.name = "female_only";
  female_only.key_type = AbiType::Text;
  female_only.key_column = "项目编码";
  female_only.source = "tables/female_only.csv";
  female_only.csv = "项目编码\nF001\nF\0002\n"s;
  TableDescription price_cap;
  price_cap.name = "price_cap";
  price_cap.is_map = true;
  price_cap.key_type = AbiType::Text;
  price_cap.value_type = AbiType::Money;
  price_cap.key_column = "项目编码";
  price_cap.value_column = "最高限价";
  price_cap.csv = "项目编码,最高限价\nA001,12.50\n";
  p.tables = {female_only, price_cap};

  p.rules = {{"XB001", "限女性项目用于男性患者", "限性别", Severity::High, Verdict::Definite,
              kLineRecord, false},
             {"限性别_02", "第二条", "", Severity::Info, Verdict::Suspicious, kLineRecord, true}};

  ScorecardDescription sc;
  sc.name = "机构信用";
  sc.title = "定点医药机构信用评价";
  sc.subject_record = 0;
  sc.score_is_decimal = true;
  sc.items = {"违规疑点", "违规金额"};
  sc.grades = {"A", "B", "C", "D"};
  sc.reasons = 3;
  sc.reasons_highest = true;
  p.scorecards = {sc};

  p.indexes = {{IndexKind::ReverseRef, kLineRecord, 1}, {IndexKind::ByField, 0, 1}};
  return p;
}

namespace {

llvm::Function* emit_eval_rule(llvm::Module& m, const BuiltinLibrary& builtins, bool use_builtin) {
  llvm::LLVMContext& c = m.getContext();
  AbiTypes t = AbiTypes::get(c);
  auto* f = llvm::Function::Create(t.eval_fn, llvm::GlobalValue::InternalLinkage, "eval_rule", m);
  llvm::Argument* ctx = f->getArg(0);
  llvm::Argument* index = f->getArg(1);
  llvm::Argument* begin = f->getArg(2);
  llvm::Argument* end = f->getArg(3);

  auto* entry = llvm::BasicBlock::Create(c, "entry", f);
  auto* loop = llvm::BasicBlock::Create(c, "loop", f);
  auto* body = llvm::BasicBlock::Create(c, "body", f);
  auto* failed = llvm::BasicBlock::Create(c, "failed", f);
  auto* found = llvm::BasicBlock::Create(c, "found", f);
  auto* next = llvm::BasicBlock::Create(c, "next", f);
  auto* done = llvm::BasicBlock::Create(c, "done", f);
  llvm::IRBuilder<> b(entry);

  llvm::Value* out = b.CreateLoad(t.ptr, b.CreateStructGEP(t.eval_ctx, ctx, abi::kCtxOut), "out");
  llvm::Value* sink =
      b.CreateLoad(t.ptr, b.CreateStructGEP(t.eval_ctx, ctx, abi::kCtxSink), "sink");
  llvm::Value* records =
      b.CreateLoad(t.ptr, b.CreateStructGEP(t.eval_ctx, ctx, abi::kCtxRecords), "records");
  llvm::Value* line = b.CreateConstGEP1_64(t.record_data, records, kLineRecord, "line");
  llvm::Value* columns =
      b.CreateLoad(t.ptr, b.CreateStructGEP(t.record_data, line, abi::kRecordDataColumns));
  llvm::Value* amount_column = b.CreateConstGEP1_64(t.column, columns, kAmountField);
  llvm::Value* amounts =
      b.CreateLoad(t.ptr, b.CreateStructGEP(t.column, amount_column, abi::kColumnValues));
  llvm::Value* slot = b.CreateAlloca(t.i64, nullptr, "product");
  llvm::Constant* message = b.CreateGlobalString(kSampleMessage, "message", 0, &m);
  llvm::Constant* overflow = b.CreateGlobalString("arithmetic overflow", "overflow", 0, &m);
  b.CreateBr(loop);

  b.SetInsertPoint(loop);
  llvm::PHINode* row = b.CreatePHI(t.i64, 2, "row");
  row->addIncoming(begin, entry);
  b.CreateCondBr(b.CreateICmpSLT(row, end), body, done);

  b.SetInsertPoint(body);
  llvm::Value* amount = b.CreateLoad(t.i64, b.CreateGEP(t.i64, amounts, row));
  llvm::Value* status = b.getInt32(0);
  llvm::Constant* two_and_a_half = b.getInt64(2'500'000);
  if (use_builtin && builtins.has("fides_dec_mul")) {
    llvm::Function* mul = llvm::cantFail(builtins.declare(m, "fides_dec_mul"));
    status = call_builtin(b, mul, {amount, two_and_a_half, slot}, "status");
  } else {
    b.CreateStore(b.CreateSDiv(b.CreateMul(amount, two_and_a_half), b.getInt64(1'000'000)), slot);
  }
  b.CreateCondBr(b.CreateICmpNE(status, b.getInt32(0)), failed, found);

  b.SetInsertPoint(failed);
  llvm::Value* error_fn =
      b.CreateLoad(t.ptr, b.CreateStructGEP(t.sink_vtbl, out, abi::kSinkError), "error");
  b.CreateCall(t.sink_error_fn, error_fn,
               {sink, b.getInt32(FIDES_ERROR_RULE), index, row, overflow,
                b.getInt64(std::strlen("arithmetic overflow"))});
  b.CreateBr(next);

  b.SetInsertPoint(found);
  llvm::Value* finding_fn =
      b.CreateLoad(t.ptr, b.CreateStructGEP(t.sink_vtbl, out, abi::kSinkFinding), "finding");
  b.CreateCall(t.sink_finding_fn, finding_fn,
               {sink, index, row, b.CreateLoad(t.i64, slot), b.getInt64(2), message,
                b.getInt64(std::strlen(kSampleMessage))});
  b.CreateBr(next);

  b.SetInsertPoint(next);
  llvm::Value* following = b.CreateAdd(row, b.getInt64(1));
  row->addIncoming(following, next);
  b.CreateBr(loop);

  b.SetInsertPoint(done);
  b.CreateRet(b.getInt32(0));
  return f;
}

}  // namespace

bool builtins_have_dec_mul() {
  llvm::LLVMContext context;
  auto library = BuiltinLibrary::load(context);
  if (!library) {
    llvm::consumeError(library.takeError());
    return false;
  }
  return (*library)->has("fides_dec_mul");
}

llvm::Expected<std::vector<char>> build_sample_object(const SampleOptions& options) {
  auto machine = create_target_machine({options.cpu});
  if (!machine) return machine.takeError();
  llvm::LLVMContext context;
  auto builtins = BuiltinLibrary::load(context);
  if (!builtins) return builtins.takeError();
  llvm::Module module("pack", context);
  configure_module(module, **machine);
  llvm::Function* eval_rule = emit_eval_rule(module, **builtins, options.call_builtin);
  auto entry = emit_descriptor(module, options.description, eval_rule, nullptr);
  if (!entry) return entry.takeError();
  return finish_pack(module, **machine, builtins->get());
}

bool succeeded(llvm::Error error) {
  if (!error) return true;
  std::string text = llvm::toString(std::move(error));
  MESSAGE(text);
  return false;
}

std::string error_text(llvm::Error error) {
  if (!error) return "";
  return llvm::toString(std::move(error));
}

std::string make_temp_dir() {
  llvm::SmallString<256> dir;
  if (llvm::sys::fs::createUniqueDirectory("fides-codegen-test", dir)) return "";
  return std::string(dir);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string run_command(const std::string& command) {
  std::string result;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.append(buffer, n);
    pclose(pipe);
  }
  return result;
}

}  // namespace fides::codegen::testing
