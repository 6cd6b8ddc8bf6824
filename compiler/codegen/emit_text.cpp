// Text: like, printing values as output files do, message templates.
#include "builtins/fides_builtins.h"
#include "codegen/codegen_context.h"

namespace fides::codegen {

Val PackCodegen::eval_like(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  Val s = use(x.kids[0]);
  Val pattern = use(x.kids[1]);
  Val out;
  out.a = call("fides_text_like", {s.a, s.b, pattern.a, pattern.b});
  return out;
}

// Concatenates text parts into one arena allocation (one part: itself).
Val PackCodegen::concat(const std::vector<Val>& parts) {
  if (parts.empty()) return text_const("");
  if (parts.size() == 1) return parts[0];
  llvm::Value* total = i64(0);
  for (const Val& p : parts) total = b_.CreateAdd(total, p.b);
  llvm::Value* buffer = call("fides_arena_alloc", {arena_, total});
  oom_if_null(buffer);
  llvm::Value* at = i64(0);
  for (const Val& p : parts) {
    llvm::Value* dst = b_.CreateGEP(t_.i8, buffer, at);
    // memcpy with a zero length and a null source is fine for llvm.memcpy only
    // when the length is zero; an empty fides_str may have a null pointer.
    b_.CreateMemCpy(dst, llvm::MaybeAlign(1), p.a, llvm::MaybeAlign(1), p.b);
    at = b_.CreateAdd(at, p.b);
  }
  Val out;
  out.a = buffer;
  out.b = total;
  return out;
}

// The printed form of a value of type t; absent prints as "".
Val PackCodegen::print(const Val& v, const Type& t) {
  if (t.optional && v.present) {
    llvm::BasicBlock* yes = block("print.present");
    llvm::BasicBlock* join = block("print.end");
    llvm::BasicBlock* before = b_.GetInsertBlock();
    b_.CreateCondBr(v.present, yes, join);
    b_.SetInsertPoint(yes);
    Val inner = v;
    inner.present = nullptr;
    Val printed = print(inner, t.non_optional());
    llvm::BasicBlock* yes_end = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    return merge(Type::of(TypeKind::text), before, text_const(""), yes_end, printed);
  }
  auto via_arena = [&](const char* fn, llvm::Value* value) {
    llvm::AllocaInst* slot = entry_alloca(t_.str, "printed");
    llvm::Value* st = call(fn, {arena_, value, slot});
    oom_if_status(st);
    Val out;
    out.a = load_field(t_.str, slot, abi::kStrPtr, t_.ptr);
    out.b = load_field(t_.str, slot, abi::kStrLen, t_.i64);
    return out;
  };
  switch (t.kind) {
    case TypeKind::text: return v;
    case TypeKind::int_: return via_arena("fides_text_of_int", v.a);
    case TypeKind::decimal: return via_arena("fides_text_of_decimal", v.a);
    case TypeKind::money: return via_arena("fides_text_of_money", v.a);
    case TypeKind::date: return via_arena("fides_text_of_date", to_i32(v.a));
    case TypeKind::bool_: return via_arena("fides_text_of_bool", v.a);
    case TypeKind::severity: {
      // A constant table of the names, indexed by the ordinal.
      std::vector<llvm::Constant*> names;
      for (int s = 0; s <= 4; ++s) {
        std::string n = fides_severity_name(s);
        names.push_back(llvm::ConstantStruct::get(t_.str, {cstring(n), llvm::ConstantInt::get(t_.i64, n.size())}));
      }
      auto* type = llvm::ArrayType::get(t_.str, names.size());
      llvm::GlobalVariable* g = module_.getGlobalVariable("fides.cg.severities", true);
      if (!g)
        g = new llvm::GlobalVariable(module_, type, true, llvm::GlobalValue::PrivateLinkage,
                                     llvm::ConstantArray::get(type, names), "fides.cg.severities");
      // Out-of-range ordinals cannot happen (sema and the loader check them); clamp anyway.
      llvm::Value* idx = b_.CreateSelect(b_.CreateICmpULE(v.a, i64(4)), v.a, i64(0));
      llvm::Value* p = b_.CreateGEP(type, g, {i64(0), idx});
      Val out;
      out.a = load_field(t_.str, p, abi::kStrPtr, t_.ptr);
      out.b = load_field(t_.str, p, abi::kStrLen, t_.i64);
      return out;
    }
    case TypeKind::record: return read_key_text(t.record.index, v.a);
    default: return text_const("");
  }
}

Val PackCodegen::eval_template(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  std::vector<Val> parts;
  for (ExprId part : x.kids) {
    const ast::Expr& px = m_.expr(part);
    if (px.kind == ast::ExprKind::string_lit) {
      if (!px.text.empty()) parts.push_back(text_const(px.text));
      continue;
    }
    Val v = eval(part);
    Type t = p_.type(part);
    if (!t.optional) v.present = nullptr;
    else v = materialize_optional(v, t);
    parts.push_back(print(v, t));
  }
  return concat(parts);
}

}  // namespace fides::codegen
