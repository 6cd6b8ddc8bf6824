// Literals, names (by sema resolution), record fields and reference chains,
// params, tables (binary search), set/map literals, calls of built-ins and defs.
#include "builtins/fides_builtins.h"
#include "codegen/codegen_context.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"

namespace fides::codegen {

using sema::BuiltinId;
using sema::RefKind;

// ---------------------------------------------------------------- data access

llvm::Value* PackCodegen::record_data(uint32_t record) {
  llvm::Value* records = load_field(t_.eval_ctx, ctx_, abi::kCtxRecords, t_.ptr);
  return b_.CreateConstGEP1_64(t_.record_data, records, record);
}

llvm::Value* PackCodegen::n_rows(uint32_t record) {
  return load_field(t_.record_data, record_data(record), abi::kRecordDataNRows, t_.i64);
}

llvm::Value* PackCodegen::column_ptr(uint32_t record, int32_t column) {
  llvm::Value* columns = load_field(t_.record_data, record_data(record), abi::kRecordDataColumns, t_.ptr);
  return b_.CreateConstGEP1_64(t_.column, columns, static_cast<uint64_t>(column));
}

Val PackCodegen::read_column(uint32_t record, uint32_t field, llvm::Value* row) {
  const sema::Field& f = p_.records[record].fields[field];
  int32_t col = plan_.column(sema::RecordId(record), field);
  llvm::Value* column = column_ptr(record, col);
  Val v;
  if (f.type.kind == TypeKind::text) {
    llvm::Value* texts = load_field(t_.column, column, abi::kColumnTexts, t_.ptr);
    llvm::Value* p = b_.CreateGEP(t_.str, texts, row);
    v.a = load_field(t_.str, p, abi::kStrPtr, t_.ptr);
    v.b = load_field(t_.str, p, abi::kStrLen, t_.i64);
  } else {
    llvm::Value* values = load_field(t_.column, column, abi::kColumnValues, t_.ptr);
    v.a = b_.CreateLoad(t_.i64, b_.CreateGEP(t_.i64, values, row));
    if (f.type.kind == TypeKind::bool_) v.a = b_.CreateICmpNE(v.a, i64(0));
  }
  if (f.type.optional) {
    llvm::Value* present = load_field(t_.column, column, abi::kColumnPresent, t_.ptr);
    v.present = b_.CreateICmpNE(b_.CreateLoad(t_.i8, b_.CreateGEP(t_.i8, present, row)), b_.getInt8(0));
  }
  return v;
}

// The key of a row as text, printed as output files print it.
Val PackCodegen::read_key_text(uint32_t record, llvm::Value* row) {
  const sema::Record& r = p_.records[record];
  const sema::Field& key = r.fields[r.key_field];
  Val v = read_column(record, r.key_field, row);
  Type t = key.type;
  if (t.kind == TypeKind::record) return read_key_text(t.record.index, v.a);
  return print(v, t.non_optional());
}

llvm::Value* PackCodegen::table_data(uint32_t table) {
  llvm::Value* tables = load_field(t_.eval_ctx, ctx_, abi::kCtxTables, t_.ptr);
  return b_.CreateConstGEP1_64(t_.table_data, tables, table);
}

llvm::Value* PackCodegen::group_end(llvm::Value* index, llvm::Value* offsets, llvm::Value* group) {
  // ends[g] when the host gives ends, else offsets[g + 1]: one load either way.
  llvm::Value* ends = load_field(t_.index_data, index, abi::kIndexDataEnds, t_.ptr);
  llvm::Value* base = b_.CreateSelect(b_.CreateIsNull(ends), b_.CreateConstGEP1_64(t_.i64, offsets, 1), ends);
  return b_.CreateLoad(t_.i64, b_.CreateGEP(t_.i64, base, group));
}

llvm::Value* PackCodegen::index_data(int32_t slot) {
  llvm::Value* indexes = load_field(t_.eval_ctx, ctx_, abi::kCtxIndexes, t_.ptr);
  return b_.CreateConstGEP1_64(t_.index_data, indexes, static_cast<uint64_t>(slot));
}

// The body of a binary search over [0, n) for the key in f's arguments from
// `key_arg` on (an i64, or a text's pointer and length), in a function whose
// entry block `b` is positioned in and has computed n. `element_at(b, mid)`
// gives the mid-th element: a pointer to its fides_str for text, else its i64.
// The function returns the position whose element equals the key, or -1.
void PackCodegen::emit_sorted_search(llvm::Function* f, llvm::IRBuilder<>& b, llvm::Value* n, bool text,
                                     unsigned key_arg, const ElementAt& element_at) {
  llvm::BasicBlock* entry = b.GetInsertBlock();
  auto* loop = llvm::BasicBlock::Create(c_, "loop", f);
  auto* body = llvm::BasicBlock::Create(c_, "body", f);
  auto* less = llvm::BasicBlock::Create(c_, "less", f);
  auto* notless = llvm::BasicBlock::Create(c_, "notless", f);
  auto* greater = llvm::BasicBlock::Create(c_, "greater", f);
  auto* found = llvm::BasicBlock::Create(c_, "found", f);
  auto* missing = llvm::BasicBlock::Create(c_, "missing", f);
  b.CreateBr(loop);
  b.SetInsertPoint(loop);
  llvm::PHINode* lo = b.CreatePHI(t_.i64, 3, "lo");
  llvm::PHINode* hi = b.CreatePHI(t_.i64, 3, "hi");
  lo->addIncoming(b.getInt64(0), entry);
  hi->addIncoming(n, entry);
  b.CreateCondBr(b.CreateICmpSLT(lo, hi), body, missing);
  b.SetInsertPoint(body);
  llvm::Value* mid = b.CreateAdd(lo, b.CreateLShr(b.CreateSub(hi, lo), 1), "mid");
  llvm::Value* element = element_at(b, mid);
  llvm::Value* c;  // sign of element - key
  if (text) {
    llvm::Value* kp = b.CreateLoad(t_.ptr, b.CreateStructGEP(t_.str, element, abi::kStrPtr));
    llvm::Value* kl = b.CreateLoad(t_.i64, b.CreateStructGEP(t_.str, element, abi::kStrLen));
    c = call_builtin(b, builtin("fides_text_cmp"), {kp, kl, f->getArg(key_arg), f->getArg(key_arg + 1)});
  } else {
    llvm::Value* key = f->getArg(key_arg);
    c = b.CreateSelect(b.CreateICmpSLT(element, key), b.getInt32(-1),
                       b.CreateSelect(b.CreateICmpSGT(element, key), b.getInt32(1), b.getInt32(0)));
  }
  b.CreateCondBr(b.CreateICmpSLT(c, b.getInt32(0)), less, notless);
  b.SetInsertPoint(less);
  lo->addIncoming(b.CreateAdd(mid, b.getInt64(1)), less);
  hi->addIncoming(hi, less);
  b.CreateBr(loop);
  b.SetInsertPoint(notless);
  b.CreateCondBr(b.CreateICmpSGT(c, b.getInt32(0)), greater, found);
  b.SetInsertPoint(greater);
  lo->addIncoming(lo, greater);
  hi->addIncoming(mid, greater);
  b.CreateBr(loop);
  b.SetInsertPoint(found);
  b.CreateRet(mid);
  b.SetInsertPoint(missing);
  b.CreateRet(b.getInt64(-1));
}

// i64 find(ptr table, i64 key) / i64 find(ptr table, ptr key, i64 len): the
// position of key among the sorted keys, or -1.
llvm::Function* PackCodegen::table_find_fn(bool text) {
  llvm::Function*& f = text ? table_find_text_ : table_find_int_;
  if (f) return f;
  std::vector<llvm::Type*> params = {t_.ptr};
  if (text) params.insert(params.end(), {t_.ptr, t_.i64});
  else params.push_back(t_.i64);
  f = llvm::Function::Create(llvm::FunctionType::get(t_.i64, params, false), llvm::GlobalValue::InternalLinkage,
                             text ? "fides.cg.find_text" : "fides.cg.find_int", module_);
  llvm::IRBuilder<> b(c_);
  b.SetInsertPoint(llvm::BasicBlock::Create(c_, "entry", f));
  llvm::Value* table = f->getArg(0);
  llvm::Value* n = b.CreateLoad(t_.i64, b.CreateStructGEP(t_.table_data, table, abi::kTableDataN));
  llvm::Value* keys =
      b.CreateLoad(t_.ptr, b.CreateStructGEP(t_.table_data, table, text ? abi::kTableDataKeyTexts : abi::kTableDataKeys));
  emit_sorted_search(f, b, n, text, 1, [&](llvm::IRBuilder<>& at, llvm::Value* mid) -> llvm::Value* {
    return text ? at.CreateGEP(t_.str, keys, mid) : at.CreateLoad(t_.i64, at.CreateGEP(t_.i64, keys, mid));
  });
  return f;
}

llvm::Value* PackCodegen::table_find(uint32_t table, const Val& key, TypeKind key_kind) {
  llvm::Value* td = table_data(table);
  if (rep_of(key_kind) == Rep::text) return b_.CreateCall(table_find_fn(true), {td, key.a, key.b});
  llvm::Value* k = key.a;
  if (k->getType() != t_.i64) k = b_.CreateZExt(k, t_.i64);
  return b_.CreateCall(table_find_fn(false), {td, k});
}

// ---------------------------------------------------------------- literals

Val PackCodegen::eval_literal(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  Val v;
  switch (x.kind) {
    case ast::ExprKind::string_lit: return text_const(x.text);
    case ast::ExprKind::bool_lit: v.a = b_.getInt1(x.int_value != 0); return v;
    default: v.a = i64(x.int_value); return v;
  }
}

// ---------------------------------------------------------------- names

Val PackCodegen::eval_name(ExprId e) {
  const sema::Resolution& r = p_.resolution(e);
  Val v;
  switch (r.kind) {
    case RefKind::rule_let:
    case RefKind::scorecard_let:
    case RefKind::group_let: return eval_let(static_cast<int>(r.kind), r.index, r.sub, p_.local_let(r));
    case RefKind::global_let: return eval_let(static_cast<int>(r.kind), 0, r.index, p_.lets[r.index]);
    case RefKind::param: {
      llvm::Value* params = load_field(t_.eval_ctx, ctx_, abi::kCtxParams, t_.ptr);
      llvm::Value* p = b_.CreateConstGEP1_64(t_.param_value, params, r.index);
      const sema::Param& param = p_.params[r.index];
      if (param.type.kind == TypeKind::text) {
        llvm::Value* s = b_.CreateStructGEP(t_.param_value, p, abi::kParamValueText);
        v.a = load_field(t_.str, s, abi::kStrPtr, t_.ptr);
        v.b = load_field(t_.str, s, abi::kStrLen, t_.i64);
      } else {
        v.a = load_field(t_.param_value, p, abi::kParamValueValue, t_.i64);
        if (param.type.kind == TypeKind::bool_) v.a = b_.CreateICmpNE(v.a, i64(0));
      }
      return v;
    }
    case RefKind::def_param:
      for (auto it = frames_.rbegin(); it != frames_.rend(); ++it)
        if (it->def == r.index && r.sub < it->args.size()) return it->args[r.sub];
      break;
    case RefKind::for_var: v.a = row_; return v;
    case RefKind::aggregate_var: {
      auto it = agg_vars_.find(r.index);
      if (it != agg_vars_.end()) return it->second;
      break;
    }
    case RefKind::record_rows:
      v.a = llvm::ConstantPointerNull::get(t_.ptr);
      v.b = i64(0);
      v.c = n_rows(r.index);
      return v;
    case RefKind::severity_lit: v.a = i64(r.index); return v;
    case RefKind::score:
      if (score_) return *score_;
      break;
    default: break;
  }
  if (!error_)
    error_ = llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "cannot generate code for the name '" + m_.expr(e).name + "'" + location_suffix(e));
  v.a = i64(0);
  return v;
}

// ---------------------------------------------------------------- fields

Val PackCodegen::eval_field(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  Val base = eval(x.kids[0]);
  // Sema lets a field be read from an optional base only in an optional chain
  // (`a?.f`, and `.g` after it): absent when the base is, the row never read.
  if (!p_.type(x.kids[0]).optional) return read_field(e, base);
  Type t = p_.type(e);
  llvm::BasicBlock* before = b_.GetInsertBlock();
  llvm::BasicBlock* yes = block("chain.present");
  llvm::BasicBlock* join = block("chain.end");
  b_.CreateCondBr(present_of(base), yes, join);
  b_.SetInsertPoint(yes);
  Val got = materialize_optional(read_field(e, base), t);
  llvm::BasicBlock* yes_end = b_.GetInsertBlock();
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  return merge(t, before, absent_of(t), yes_end, got);
}

Val PackCodegen::read_field(ExprId e, Val base) {
  const sema::Resolution& r = p_.resolution(e);
  if (r.kind == RefKind::finding_field) return eval_finding_field(static_cast<sema::FindingField>(r.index), base.a);
  const sema::Field& f = p_.records[r.index].fields[r.sub];
  if (f.type.kind == TypeKind::list) {
    int32_t slot = plan_.via_index(sema::RecordId(r.index), r.sub);
    llvm::Value* idx = index_data(slot);
    llvm::Value* offsets = load_field(t_.index_data, idx, abi::kIndexDataOffsets, t_.ptr);
    Val v;
    v.a = load_field(t_.index_data, idx, abi::kIndexDataRows, t_.ptr);
    v.b = b_.CreateLoad(t_.i64, b_.CreateGEP(t_.i64, offsets, base.a));
    v.c = group_end(idx, offsets, base.a);
    return v;
  }
  return read_column(r.index, r.sub, base.a);
}

// Rule descriptor data per finding: constant tables indexed by rule.
Val PackCodegen::eval_finding_field(sema::FindingField field, llvm::Value* finding) {
  llvm::Value* view = load_field(t_.eval_ctx, ctx_, abi::kCtxFindings, t_.ptr);
  auto at = [&](unsigned member, llvm::Type* elem) {
    llvm::Value* array = load_field(t_.findings_view, view, member, t_.ptr);
    return b_.CreateGEP(elem, array, finding);
  };
  Val v;
  switch (field) {
    case sema::FindingField::amount: v.a = b_.CreateLoad(t_.i64, at(abi::kFindingsAmount, t_.i64)); return v;
    case sema::FindingField::points: v.a = b_.CreateLoad(t_.i64, at(abi::kFindingsPoints, t_.i64)); return v;
    case sema::FindingField::subject: {
      llvm::Value* p = at(abi::kFindingsSubjectKey, t_.str);
      v.a = load_field(t_.str, p, abi::kStrPtr, t_.ptr);
      v.b = load_field(t_.str, p, abi::kStrLen, t_.i64);
      return v;
    }
    default: break;
  }
  llvm::Value* rule = b_.CreateZExt(b_.CreateLoad(t_.i32, at(abi::kFindingsRule, t_.i32)), t_.i64);
  const auto& rules = plan_.description.rules;
  size_t n = rules.size() ? rules.size() : 1;
  // Guard against a bad rule number from the host: index 0 instead.
  llvm::Value* idx = b_.CreateSelect(b_.CreateICmpULT(rule, i64(static_cast<int64_t>(rules.size()))), rule, i64(0));
  if (field == sema::FindingField::severity) {
    std::vector<llvm::Constant*> values;
    for (const auto& r : rules) values.push_back(llvm::ConstantInt::get(t_.i64, static_cast<uint64_t>(r.severity)));
    if (values.empty()) values.push_back(llvm::ConstantInt::get(t_.i64, 0));
    auto* type = llvm::ArrayType::get(t_.i64, n);
    llvm::GlobalVariable* g = module_.getGlobalVariable("fides.cg.rule_severity", true);
    if (!g)
      g = new llvm::GlobalVariable(module_, type, true, llvm::GlobalValue::PrivateLinkage,
                                   llvm::ConstantArray::get(type, values), "fides.cg.rule_severity");
    v.a = b_.CreateLoad(t_.i64, b_.CreateGEP(type, g, {i64(0), idx}));
    return v;
  }
  const char* name = "";
  std::vector<std::string> texts;
  for (const auto& r : rules) {
    switch (field) {
      case sema::FindingField::rule: name = "fides.cg.rule_id"; texts.push_back(r.id); break;
      case sema::FindingField::name: name = "fides.cg.rule_name"; texts.push_back(r.name); break;
      case sema::FindingField::category: name = "fides.cg.rule_category"; texts.push_back(r.category); break;
      default:
        name = "fides.cg.rule_verdict";
        texts.push_back(fides_verdict_name(static_cast<int>(r.verdict)));
        break;
    }
  }
  if (texts.empty()) texts.push_back("");
  llvm::GlobalVariable* g = module_.getGlobalVariable(name, true);
  auto* type = llvm::ArrayType::get(t_.str, n);
  if (!g) {
    std::vector<llvm::Constant*> values;
    for (const std::string& s : texts)
      values.push_back(llvm::ConstantStruct::get(t_.str, {cstring(s), llvm::ConstantInt::get(t_.i64, s.size())}));
    g = new llvm::GlobalVariable(module_, type, true, llvm::GlobalValue::PrivateLinkage,
                                 llvm::ConstantArray::get(type, values), name);
  }
  llvm::Value* p = b_.CreateGEP(type, g, {i64(0), idx});
  v.a = load_field(t_.str, p, abi::kStrPtr, t_.ptr);
  v.b = load_field(t_.str, p, abi::kStrLen, t_.i64);
  return v;
}

// ---------------------------------------------------------------- sets and maps

std::optional<PackCodegen::Collection> PackCodegen::resolve_collection(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  if (x.kind == ast::ExprKind::set_lit || x.kind == ast::ExprKind::map_lit) {
    Collection c;
    c.literal = e;
    return c;
  }
  if (x.kind != ast::ExprKind::name) return std::nullopt;
  const sema::Resolution& r = p_.resolution(e);
  switch (r.kind) {
    case RefKind::table: {
      Collection c;
      c.is_table = true;
      c.table = r.index;
      return c;
    }
    case RefKind::rule_let:
    case RefKind::scorecard_let:
    case RefKind::group_let: return resolve_collection(p_.local_let(r).value);
    case RefKind::global_let: return resolve_collection(p_.lets[r.index].value);
    case RefKind::def_param:
      for (auto it = frames_.rbegin(); it != frames_.rend(); ++it)
        if (it->def == r.index && r.sub < it->arg_exprs.size()) return resolve_collection(it->arg_exprs[r.sub]);
      return std::nullopt;
    default: return std::nullopt;
  }
}

Val PackCodegen::eval_in(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  bool negate = x.binary_op == ast::BinaryOp::not_in;
  Val key = use(x.kids[0]);
  TypeKind k = p_.used_type(x.kids[0]).kind;
  auto coll = resolve_collection(x.kids[1]);
  Val out;
  if (!coll) {
    if (!error_)
      error_ = llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "cannot tell which set this is" + location_suffix(x.kids[1]));
    out.a = b_.getFalse();
    return out;
  }
  llvm::Value* found;
  if (coll->is_table) {
    found = b_.CreateICmpSGE(table_find(coll->table, key, k), i64(0));
  } else {
    const ast::Expr& lit = m_.expr(coll->literal);
    size_t stride = lit.kind == ast::ExprKind::map_lit ? 2 : 1;
    std::vector<Val> elems;
    for (size_t i = 0; i < lit.kids.size(); i += stride) elems.push_back(use(lit.kids[i]));
    // Map values are evaluated too (as the whole literal is a value).
    if (stride == 2)
      for (size_t i = 1; i < lit.kids.size(); i += 2) use(lit.kids[i]);
    found = b_.getFalse();
    for (const Val& el : elems) {
      Val a = key, b = el;
      if (rep_of(k) == Rep::i1) {
        a.a = b_.CreateZExt(a.a, t_.i64);
        b.a = b_.CreateZExt(b.a, t_.i64);
      }
      found = b_.CreateOr(found, values_equal(k, a, b));
    }
  }
  out.a = negate ? b_.CreateNot(found) : found;
  return out;
}

Val PackCodegen::eval_index(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  bool must = x.flag;
  Type vt = p_.type(e).non_optional();
  Val key = use(x.kids[1]);
  TypeKind k = p_.used_type(x.kids[1]).kind;
  auto coll = resolve_collection(x.kids[0]);
  Val out;
  if (!coll) {
    if (!error_)
      error_ = llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "cannot tell which map this is" + location_suffix(x.kids[0]));
    out.a = i64(0);
    return out;
  }
  llvm::Value* found;
  Val value;
  std::string table_name;
  if (coll->is_table) {
    table_name = p_.tables[coll->table].name;
    llvm::Value* pos = table_find(coll->table, key, k);
    found = b_.CreateICmpSGE(pos, i64(0));
    llvm::BasicBlock* before = b_.GetInsertBlock();
    llvm::BasicBlock* yes = block("map.found");
    llvm::BasicBlock* join = block("map.end");
    b_.CreateCondBr(found, yes, join);
    b_.SetInsertPoint(yes);
    llvm::Value* td = table_data(coll->table);
    Val got;
    if (rep_of(vt.kind) == Rep::text) {
      llvm::Value* texts = load_field(t_.table_data, td, abi::kTableDataValueTexts, t_.ptr);
      llvm::Value* p = b_.CreateGEP(t_.str, texts, pos);
      got.a = load_field(t_.str, p, abi::kStrPtr, t_.ptr);
      got.b = load_field(t_.str, p, abi::kStrLen, t_.i64);
    } else {
      llvm::Value* values = load_field(t_.table_data, td, abi::kTableDataValues, t_.ptr);
      got.a = b_.CreateLoad(t_.i64, b_.CreateGEP(t_.i64, values, pos));
      if (vt.kind == TypeKind::bool_) got.a = b_.CreateICmpNE(got.a, i64(0));
    }
    llvm::BasicBlock* yes_end = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    value = merge(vt, before, absent_of(vt), yes_end, got);
  } else {
    table_name = "";
    const ast::Expr& lit = m_.expr(coll->literal);
    std::vector<Val> keys, values;
    for (size_t i = 0; i + 1 < lit.kids.size(); i += 2) {
      keys.push_back(use(lit.kids[i]));
      values.push_back(use(lit.kids[i + 1]));
    }
    found = b_.getFalse();
    Rep rep = rep_of(vt.kind);
    value.a = rep == Rep::text ? static_cast<llvm::Value*>(llvm::ConstantPointerNull::get(t_.ptr))
              : rep == Rep::i1 ? static_cast<llvm::Value*>(b_.getFalse())
                               : i64(0);
    if (rep == Rep::text) value.b = i64(0);
    for (size_t i = 0; i < keys.size(); ++i) {
      Val a = key, b = keys[i];
      if (rep_of(k) == Rep::i1) {
        a.a = b_.CreateZExt(a.a, t_.i64);
        b.a = b_.CreateZExt(b.a, t_.i64);
      }
      llvm::Value* hit = b_.CreateAnd(values_equal(k, a, b), b_.CreateNot(found));
      value.a = b_.CreateSelect(hit, values[i].a, value.a);
      if (value.b) value.b = b_.CreateSelect(hit, values[i].b, value.b);
      found = b_.CreateOr(found, hit);
    }
  }
  if (!must) {
    value.present = found;
    return value;
  }
  // m[k]!: no entry is an evaluation error naming the key and the table.
  llvm::BasicBlock* missing = block("map.missing");
  llvm::BasicBlock* ok = block("map.ok");
  b_.CreateCondBr(found, ok, missing, llvm::MDBuilder(c_).createBranchWeights(1000, 1));
  b_.SetInsertPoint(missing);
  Val printed = print(key, Type::of(k));
  Val message = concat({text_const("no entry for key '"), printed,
                        text_const("' in table '" + table_name + "'" + location_suffix(e))});
  fail_with_message(message.a, message.b);
  b_.SetInsertPoint(ok);
  value.present = nullptr;
  return value;
}

// ---------------------------------------------------------------- calls

Val PackCodegen::eval_call(ExprId e) {
  const sema::Resolution& r = p_.resolution(e);
  if (r.kind == RefKind::def) return eval_def_call(e, r.index);
  return eval_builtin(e, static_cast<BuiltinId>(r.index));
}

Val PackCodegen::eval_def_call(ExprId e, uint32_t def) {
  const ast::Expr& x = m_.expr(e);
  const sema::Def& d = p_.defs[def];
  Frame frame;
  frame.def = def;
  for (size_t i = 0; i < x.kids.size(); ++i) {
    TypeKind k = i < d.params.size() ? d.params[i].type.kind : TypeKind::error;
    if (k == TypeKind::set || k == TypeKind::map) {
      frame.args.push_back(Val{});  // resolved statically through arg_exprs
    } else {
      frame.args.push_back(use(x.kids[i]));
    }
    frame.arg_exprs.push_back(x.kids[i]);
  }
  frames_.push_back(std::move(frame));
  // Aggregate variables of the caller are not visible in the body; keep them anyway (ids differ).
  Val v = use(d.body);
  frames_.pop_back();
  return v;
}

Val PackCodegen::eval_builtin(ExprId e, BuiltinId id) {
  const ast::Expr& x = m_.expr(e);
  Val out;
  if (id == BuiltinId::present) {
    Val v = eval(x.kids[0]);
    out.a = present_of(v);
    return out;
  }
  if (id == BuiltinId::hits) return eval_collection(e);
  if (id == BuiltinId::text_of) {  // printed as in output files; absent stays absent
    Type t = p_.type(x.kids[0]);
    Val v = eval(x.kids[0]);
    if (!t.optional) v.present = nullptr;
    else v = materialize_optional(v, t);
    out = print(v, t);
    out.present = v.present;
    return out;
  }
  std::vector<Val> args;
  for (ExprId k : x.kids) args.push_back(use(k));
  auto str_result = [&](llvm::Value* s) {
    Val v;
    v.a = b_.CreateExtractValue(s, 0);
    v.b = b_.CreateExtractValue(s, 1);
    return v;
  };
  auto arena_text = [&](const char* fn) {
    llvm::AllocaInst* slot = entry_alloca(t_.str, "text");
    oom_if_status(call(fn, {arena_, args[0].a, args[0].b, slot}));
    Val v;
    v.a = load_field(t_.str, slot, abi::kStrPtr, t_.ptr);
    v.b = load_field(t_.str, slot, abi::kStrLen, t_.i64);
    return v;
  };
  switch (id) {
    case BuiltinId::len: out.a = call("fides_text_len", {args[0].a, args[0].b}); return out;
    case BuiltinId::starts_with:
      out.a = call("fides_text_starts_with", {args[0].a, args[0].b, args[1].a, args[1].b});
      return out;
    case BuiltinId::ends_with:
      out.a = call("fides_text_ends_with", {args[0].a, args[0].b, args[1].a, args[1].b});
      return out;
    case BuiltinId::contains:
      out.a = call("fides_text_contains", {args[0].a, args[0].b, args[1].a, args[1].b});
      return out;
    case BuiltinId::substr_from:
      return str_result(call("fides_text_substr_from", {args[0].a, args[0].b, args[1].a}));
    case BuiltinId::substr:
      return str_result(call("fides_text_substr", {args[0].a, args[0].b, args[1].a, args[2].a}));
    case BuiltinId::upper: return arena_text("fides_text_upper");
    case BuiltinId::lower: return arena_text("fides_text_lower");
    case BuiltinId::trim: return str_result(call("fides_text_trim", {args[0].a, args[0].b}));
    case BuiltinId::idcard_valid: out.a = call("fides_idcard_valid", {args[0].a, args[0].b}); return out;
    case BuiltinId::idcard_birth: {
      llvm::AllocaInst* slot = entry_alloca(t_.i32, "birth");
      b_.CreateStore(i32(0), slot);
      out.present = call("fides_idcard_birth", {args[0].a, args[0].b, slot});
      out.a = from_i32(b_.CreateLoad(t_.i32, slot));
      return out;
    }
    case BuiltinId::idcard_gender: {
      llvm::Value* g = call("fides_idcard_gender", {args[0].a, args[0].b});
      out = str_result(call("fides_gender_text", {g}));
      out.present = b_.CreateICmpNE(g, i32(FIDES_GENDER_ABSENT));
      return out;
    }
    case BuiltinId::abs_int: out.a = call_status("fides_int_abs", {args[0].a}, t_.i64, e); return out;
    case BuiltinId::abs_dec: out.a = call_status("fides_dec_abs", {args[0].a}, t_.i64, e); return out;
    case BuiltinId::round: out.a = call("fides_dec_round", {args[0].a}); return out;
    case BuiltinId::round_n: out.a = call_status("fides_dec_round_n", {args[0].a, args[1].a}, t_.i64, e); return out;
    case BuiltinId::floor: out.a = call("fides_dec_floor", {args[0].a}); return out;
    case BuiltinId::ceil: out.a = call("fides_dec_ceil", {args[0].a}); return out;
    case BuiltinId::min_int: out.a = call("fides_int_min", {args[0].a, args[1].a}); return out;
    case BuiltinId::min_dec: out.a = call("fides_dec_min", {args[0].a, args[1].a}); return out;
    case BuiltinId::max_int: out.a = call("fides_int_max", {args[0].a, args[1].a}); return out;
    case BuiltinId::max_dec: out.a = call("fides_dec_max", {args[0].a, args[1].a}); return out;
    case BuiltinId::min_date:
      out.a = b_.CreateSelect(b_.CreateICmpSLE(args[0].a, args[1].a), args[0].a, args[1].a);
      return out;
    case BuiltinId::max_date:
      out.a = b_.CreateSelect(b_.CreateICmpSGE(args[0].a, args[1].a), args[0].a, args[1].a);
      return out;
    case BuiltinId::clamp_int: out.a = call("fides_int_clamp", {args[0].a, args[1].a, args[2].a}); return out;
    case BuiltinId::clamp_dec: out.a = call("fides_dec_clamp", {args[0].a, args[1].a, args[2].a}); return out;
    case BuiltinId::year: out.a = call("fides_date_year", {to_i32(args[0].a)}); return out;
    case BuiltinId::month: out.a = call("fides_date_month", {to_i32(args[0].a)}); return out;
    case BuiltinId::day: out.a = call("fides_date_day", {to_i32(args[0].a)}); return out;
    case BuiltinId::years_between:
      out.a = call("fides_years_between", {to_i32(args[0].a), to_i32(args[1].a)});
      return out;
    case BuiltinId::date:
      out.a = from_i32(call_status("fides_date_from_ymd", {args[0].a, args[1].a, args[2].a}, t_.i32, e));
      return out;
    case BuiltinId::date_of_text: {
      llvm::AllocaInst* slot = entry_alloca(t_.i32, "parsed");
      b_.CreateStore(i32(0), slot);
      out.present = b_.CreateICmpEQ(call("fides_parse_date", {args[0].a, args[0].b, slot}), i32(FIDES_OK));
      out.a = from_i32(b_.CreateLoad(t_.i32, slot));
      return out;
    }
    case BuiltinId::int_of_text:
    case BuiltinId::decimal_of_text: {
      llvm::AllocaInst* slot = entry_alloca(t_.i64, "parsed");
      b_.CreateStore(i64(0), slot);
      const char* fn = id == BuiltinId::int_of_text ? "fides_parse_int" : "fides_parse_decimal";
      out.present = b_.CreateICmpEQ(call(fn, {args[0].a, args[0].b, slot}), i32(FIDES_OK));
      out.a = b_.CreateLoad(t_.i64, slot);
      return out;
    }
    case BuiltinId::div: out.a = call_status("fides_int_floor_div", {args[0].a, args[1].a}, t_.i64, e); return out;
    case BuiltinId::mod: out.a = call_status("fides_int_floor_mod", {args[0].a, args[1].a}, t_.i64, e); return out;
    case BuiltinId::uniform:
      out.a = call("fides_uniform", {args[0].a, args[0].b, args[1].a, args[1].b});
      return out;
    default: break;
  }
  if (!error_)
    error_ = llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "no code for built-in '" + x.name + "'" + location_suffix(e));
  out.a = i64(0);
  return out;
}

}  // namespace fides::codegen
