// Values in registers, conversions, evaluation errors, lets, small helpers.
#include <string>

#include "ast/chains.h"
#include "codegen/codegen_context.h"
#include "builtins/fides_builtins.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"

namespace fides::codegen {

Rep rep_of(TypeKind k) {
  switch (k) {
    case TypeKind::bool_: return Rep::i1;
    case TypeKind::int_:
    case TypeKind::decimal:
    case TypeKind::money:
    case TypeKind::date:
    case TypeKind::severity:
    case TypeKind::record:
    case TypeKind::finding:
    case TypeKind::duration: return Rep::i64;
    case TypeKind::text: return Rep::text;
    case TypeKind::list: return Rep::list;
    default: return Rep::none;
  }
}

PackCodegen::PackCodegen(const lower::Plan& plan, const SourceManager& sources, llvm::Module& module,
                         const BuiltinLibrary& builtins)
    : plan_(plan),
      p_(*plan.program),
      m_(*plan.program->module),
      sm_(sources),
      module_(module),
      c_(module.getContext()),
      lib_(builtins),
      t_(AbiTypes::get(module.getContext())),
      b_(module.getContext()) {
  for (uint32_t i = 0; i < m_.files.size(); ++i) file_order_[m_.files[i].id.index] = i;
  // The status messages, as the built-ins print them.
  std::vector<llvm::Constant*> messages;
  for (int s = 0; s < FIDES_STATUS_COUNT; ++s) {
    std::string text = fides_status_message(s);
    messages.push_back(llvm::ConstantStruct::get(t_.str, {cstring(text), llvm::ConstantInt::get(t_.i64, text.size())}));
  }
  auto* type = llvm::ArrayType::get(t_.str, messages.size());
  status_messages_ = new llvm::GlobalVariable(module_, type, true, llvm::GlobalValue::PrivateLinkage,
                                              llvm::ConstantArray::get(type, messages), "fides.status");
}

// ---------------------------------------------------------------- helpers

llvm::Function* PackCodegen::builtin(llvm::StringRef name) {
  auto f = lib_.declare(module_, name);
  if (!f) {
    llvm::Error e = f.takeError();
    if (!error_) error_ = std::move(e);
    else llvm::consumeError(std::move(e));
    // A placeholder so code generation can go on; the error is reported at the end.
    if (llvm::Function* existing = module_.getFunction(name)) return existing;
    return llvm::Function::Create(llvm::FunctionType::get(t_.i32, {}, false),
                                  llvm::GlobalValue::ExternalLinkage, name, module_);
  }
  return *f;
}

llvm::CallInst* PackCodegen::call(llvm::StringRef name, llvm::ArrayRef<llvm::Value*> args) {
  llvm::Function* f = builtin(name);
  if (f->getFunctionType()->getNumParams() != args.size()) {
    if (!error_)
      error_ = llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "built-in " + name.str() + " called with a wrong argument count");
    std::vector<llvm::Value*> fixed;
    for (llvm::Type* p : f->getFunctionType()->params()) fixed.push_back(llvm::UndefValue::get(p));
    return call_builtin(b_, f, fixed);
  }
  return call_builtin(b_, f, args);
}

llvm::AllocaInst* PackCodegen::entry_alloca(llvm::Type* t, const llvm::Twine& name) {
  llvm::IRBuilder<> eb(entry_, entry_->getFirstInsertionPt());
  return eb.CreateAlloca(t, nullptr, name);
}

llvm::Constant* PackCodegen::cstring(const std::string& s) {
  auto it = strings_.find(s);
  if (it != strings_.end()) return it->second;
  llvm::Constant* bytes = llvm::ConstantDataArray::getString(c_, s, /*AddNull=*/true);
  auto* g = new llvm::GlobalVariable(module_, bytes->getType(), true, llvm::GlobalValue::PrivateLinkage,
                                     bytes, "fides.cg.str");
  g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  g->setAlignment(llvm::Align(1));
  strings_[s] = g;
  return g;
}

Val PackCodegen::text_const(const std::string& s) {
  Val v;
  v.a = cstring(s);
  v.b = i64(static_cast<int64_t>(s.size()));
  return v;
}

llvm::BasicBlock* PackCodegen::block(const llvm::Twine& name) {
  return llvm::BasicBlock::Create(c_, name, fn_);
}

llvm::Value* PackCodegen::load_field(llvm::StructType* t, llvm::Value* p, unsigned field, llvm::Type* ty) {
  return b_.CreateLoad(ty, b_.CreateStructGEP(t, p, field));
}

llvm::Value* PackCodegen::present_of(const Val& v) { return v.present ? v.present : b_.getTrue(); }

// ---------------------------------------------------------------- errors

std::string PackCodegen::location_suffix(Span at) {
  if (!at.file.valid() || !file_order_.count(at.file.index)) return " at ?";
  auto it = file_order_.find(at.file.index);
  std::string path = it != file_order_.end() && it->second < plan_.description.sources.size()
                         ? plan_.description.sources[it->second].path
                         : sm_.path(at.file);
  LineColumn lc = sm_.position(at.file, at.begin);
  return " at " + path + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::string PackCodegen::location_suffix(ExprId at) { return location_suffix(m_.span(at)); }

void PackCodegen::fail_if(llvm::Value* status, Span at) {
  std::string suffix = location_suffix(at);
  llvm::BasicBlock* site = block("fail.site");
  llvm::BasicBlock* ok = block("ok");
  b_.CreateCondBr(b_.CreateICmpNE(status, i32(0)), site, ok, llvm::MDBuilder(c_).createBranchWeights(1, 1000));
  b_.SetInsertPoint(site);
  report_failure(status, cstring(suffix), i64(static_cast<int64_t>(suffix.size())));
  b_.SetInsertPoint(ok);
}

void PackCodegen::fail_if(llvm::Value* status, ExprId at) { fail_if(status, m_.span(at)); }

void PackCodegen::fail_with_message(llvm::Value* ptr, llvm::Value* len) {
  report_failure(i32(-1), ptr, len);
  // The caller moves the builder on (the block is terminated).
}

// Each failing site calls the function's fail function itself rather than
// branching to one shared block with phis: a block with thousands of
// predecessors and phis makes SimplifyCFG and jump threading quadratic in the
// number of sites (a 2,000-term sum took minutes). `nomerge` keeps SimplifyCFG
// from sinking the calls back into one block with phis.
void PackCodegen::report_failure(llvm::Value* status, llvm::Value* where, llvm::Value* where_len) {
  llvm::CallInst* out_of_memory = b_.CreateCall(fail_function(), {ctx_, arena_, row_slot_, status, where, where_len});
  out_of_memory->addFnAttr(llvm::Attribute::NoMerge);
  out_of_memory->addFnAttr(llvm::Attribute::Cold);
  b_.CreateCondBr(out_of_memory, oom_, latch_);
}

void PackCodegen::oom_if_null(llvm::Value* ptr) {
  llvm::BasicBlock* ok = block("alloc.ok");
  b_.CreateCondBr(b_.CreateIsNull(ptr), oom_, ok, llvm::MDBuilder(c_).createBranchWeights(1, 1000));
  b_.SetInsertPoint(ok);
}

void PackCodegen::oom_if_status(llvm::Value* status) {
  llvm::BasicBlock* ok = block("alloc.ok");
  b_.CreateCondBr(b_.CreateICmpNE(status, i32(0)), oom_, ok, llvm::MDBuilder(c_).createBranchWeights(1, 1000));
  b_.SetInsertPoint(ok);
}

llvm::Value* PackCodegen::call_status(llvm::StringRef name, std::vector<llvm::Value*> args, llvm::Type* out,
                                      ExprId at) {
  llvm::AllocaInst*& slot = status_out_slots_[out];
  if (!slot) slot = entry_alloca(out, "out");
  args.push_back(slot);
  llvm::Value* status = call(name, args);
  fail_if(status, at);
  return b_.CreateLoad(out, slot);
}

// ---------------------------------------------------------------- conversions

Val PackCodegen::absent_of(const Type& t) {
  Val v;
  Rep rep = rep_of(t.kind);
  v.a = rep == Rep::text || rep == Rep::list ? static_cast<llvm::Value*>(llvm::ConstantPointerNull::get(t_.ptr))
        : rep == Rep::i1                     ? static_cast<llvm::Value*>(b_.getFalse())
                                             : i64(0);
  if (rep == Rep::text || rep == Rep::list) v.b = i64(0);
  if (rep == Rep::list) v.c = i64(0);
  if (t.optional) v.present = b_.getFalse();
  return v;
}

Val PackCodegen::materialize_optional(Val v, const Type& t) {
  if (t.optional && !v.present) v.present = b_.getTrue();
  if (!t.optional) v.present = nullptr;
  return v;
}

Val PackCodegen::convert(Val v, const Type& from, const Type& to, ExprId at) {
  if (from.is_error() || to.is_error()) return v;
  if (!to.optional) v.present = nullptr;
  bool widen = from.kind == TypeKind::int_ && (to.kind == TypeKind::decimal || to.kind == TypeKind::money);
  if (widen) {
    if (v.present) {
      // Convert only a present value; an absent one stays absent.
      llvm::BasicBlock* yes = block("widen");
      llvm::BasicBlock* join = block("widen.join");
      llvm::BasicBlock* before = b_.GetInsertBlock();
      b_.CreateCondBr(v.present, yes, join);
      b_.SetInsertPoint(yes);
      llvm::Value* d = call_status("fides_int_to_dec", {v.a}, t_.i64, at);
      llvm::BasicBlock* yes_end = b_.GetInsertBlock();
      b_.CreateBr(join);
      b_.SetInsertPoint(join);
      llvm::PHINode* phi = b_.CreatePHI(t_.i64, 2);
      phi->addIncoming(i64(0), before);
      phi->addIncoming(d, yes_end);
      v.a = phi;
    } else {
      v.a = call_status("fides_int_to_dec", {v.a}, t_.i64, at);
    }
  }
  if (to.optional && !v.present) v.present = b_.getTrue();
  return v;
}

Val PackCodegen::use(ExprId e) { return convert(eval(e), p_.type(e), p_.used_type(e), e); }

Val PackCodegen::use_as(ExprId e, const Type& to) { return convert(use(e), p_.used_type(e), to, e); }

llvm::Value* PackCodegen::cond(ExprId e) {
  Val v = use(e);
  return v.a;
}

Val PackCodegen::phi_of(const Type& t, const std::vector<std::pair<llvm::BasicBlock*, Val>>& in) {
  Val out;
  Rep r = rep_of(t.kind);
  auto make = [&](llvm::Type* ty, auto get) -> llvm::Value* {
    llvm::PHINode* phi = b_.CreatePHI(ty, in.size());
    for (auto& [bb, v] : in) phi->addIncoming(get(v), bb);
    return phi;
  };
  if (r == Rep::i1) out.a = make(b_.getInt1Ty(), [&](const Val& v) { return v.a; });
  if (r == Rep::i64) out.a = make(t_.i64, [&](const Val& v) { return v.a; });
  if (r == Rep::text) {
    out.a = make(t_.ptr, [&](const Val& v) { return v.a; });
    out.b = make(t_.i64, [&](const Val& v) { return v.b; });
  }
  if (r == Rep::list) {
    out.a = make(t_.ptr, [&](const Val& v) { return v.a; });
    out.b = make(t_.i64, [&](const Val& v) { return v.b; });
    out.c = make(t_.i64, [&](const Val& v) { return v.c; });
  }
  if (t.optional) out.present = make(b_.getInt1Ty(), [&](const Val& v) -> llvm::Value* {
    return v.present ? v.present : b_.getTrue();
  });
  return out;
}

Val PackCodegen::merge(const Type& t, llvm::BasicBlock* bb1, Val v1, llvm::BasicBlock* bb2, Val v2) {
  return phi_of(t, {{bb1, v1}, {bb2, v2}});
}

// ---------------------------------------------------------------- lets

// kind: 0 rule let, 1 scorecard let, 2 global let.
Val PackCodegen::eval_let(int kind, uint32_t owner, uint32_t index, const sema::Let& let) {
  auto key = std::make_tuple(kind, owner, index);
  auto it = lets_.find(key);
  Rep r = rep_of(let.type.kind);
  if (it == lets_.end()) {
    LetSlot s;
    s.done = entry_alloca(b_.getInt1Ty(), "let.done");
    llvm::Type* at = r == Rep::i1 ? static_cast<llvm::Type*>(b_.getInt1Ty()) : r == Rep::i64 ? static_cast<llvm::Type*>(t_.i64) : static_cast<llvm::Type*>(t_.ptr);
    s.a = entry_alloca(at, "let." + let.name);
    if (r == Rep::text || r == Rep::list) s.b = entry_alloca(t_.i64, "let.b");
    if (r == Rep::list) s.c = entry_alloca(t_.i64, "let.c");
    if (let.type.optional) s.present = entry_alloca(b_.getInt1Ty(), "let.present");
    // Reset per subject: the reset block runs at the start of every subject.
    llvm::IRBuilder<> rb(reset_->getTerminator());
    rb.CreateStore(rb.getFalse(), s.done);
    it = lets_.emplace(key, s).first;
  }
  LetSlot s = it->second;
  llvm::BasicBlock* compute = block("let.compute");
  llvm::BasicBlock* join = block("let.join");
  b_.CreateCondBr(b_.CreateLoad(b_.getInt1Ty(), s.done), join, compute);
  b_.SetInsertPoint(compute);
  // A let is evaluated outside any def frame it may be used from.
  std::vector<Frame> saved;
  saved.swap(frames_);
  Val v = materialize_optional(eval(let.value), let.type);
  frames_.swap(saved);
  b_.CreateStore(v.a, s.a);
  if (s.b) b_.CreateStore(v.b, s.b);
  if (s.c) b_.CreateStore(v.c, s.c);
  if (s.present) b_.CreateStore(v.present, s.present);
  b_.CreateStore(b_.getTrue(), s.done);
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  Val out;
  out.a = b_.CreateLoad(s.a->getAllocatedType(), s.a);
  if (s.b) out.b = b_.CreateLoad(t_.i64, s.b);
  if (s.c) out.c = b_.CreateLoad(t_.i64, s.c);
  if (s.present) out.present = b_.CreateLoad(b_.getInt1Ty(), s.present);
  return out;
}

// ---------------------------------------------------------------- dispatch

Val PackCodegen::eval(ExprId e) {
  if (auto it = chain_values_.find(e.index); it != chain_values_.end()) {
    Val ready = it->second;
    chain_values_.erase(it);
    return ready;
  }
  // A left-deep chain (`a + b + …`, `a and b and …`): emit the nodes below e
  // deepest first. Each node's left operand is the first thing it evaluates,
  // so the code and its order are those of the recursion, without its depth.
  if (!(m_.expr(e).kind == ast::ExprKind::binary && m_.expr(e).binary_op == ast::BinaryOp::coalesce))
    for (ExprId below : ast::chain_below(m_, e)) chain_values_[below.index] = eval_node(below);
  return eval_node(e);
}

Val PackCodegen::eval_node(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  switch (x.kind) {
    case ast::ExprKind::int_lit:
    case ast::ExprKind::decimal_lit:
    case ast::ExprKind::string_lit:
    case ast::ExprKind::date_lit:
    case ast::ExprKind::bool_lit: return eval_literal(e);
    case ast::ExprKind::template_: return eval_template(e);
    case ast::ExprKind::name: return eval_name(e);
    case ast::ExprKind::field: return eval_field(e);
    case ast::ExprKind::index: return eval_index(e);
    case ast::ExprKind::unary: return eval_unary(e);
    case ast::ExprKind::binary: return eval_binary(e);
    case ast::ExprKind::if_: return eval_if(e);
    case ast::ExprKind::call: return eval_call(e);
    case ast::ExprKind::duration: {
      Val v = use(x.kids[0]);
      return v;
    }
    case ast::ExprKind::aggregate: return eval_aggregate(e);
    case ast::ExprKind::bins: return eval_bins(e);
    case ast::ExprKind::set_lit:
    case ast::ExprKind::map_lit: break;  // only as operands of in / [] (resolve_collection)
  }
  if (!error_)
    error_ = llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "a set or map literal used as a value" + location_suffix(e));
  Val v;
  v.a = i64(0);
  return v;
}

}  // namespace fides::codegen
