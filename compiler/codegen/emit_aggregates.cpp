// Aggregates over a collection: a `via` field (a CSR index of the plan), all
// rows of a record, or hits(x) (the findings view). Elements are visited in
// order; accumulators live in entry-block allocas (promoted by mem2reg).
#include "codegen/codegen_context.h"
#include "fides/pack_abi.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

namespace fides::codegen {

using ast::AggregateKind;

// i64 group(ptr index, i64 key) / group(ptr index, ptr key, i64 len): the
// index's own find when the host gives one (fides_index_data.find), else a
// binary search over the groups of a BY_FIELD index, which the host orders by
// value (runtime/data/indexes.cpp: int64 numerically, text bytewise as
// fides_text_cmp) and gives with their values (group_values / group_texts).
// The group whose value is key, or -1.
llvm::Function* PackCodegen::group_find_fn(bool text) {
  const char* name = text ? "fides.cg.group_text" : "fides.cg.group_int";
  if (llvm::Function* f = module_.getFunction(name)) return f;
  std::vector<llvm::Type*> params = {t_.ptr};
  if (text) params.insert(params.end(), {t_.ptr, t_.i64});
  else params.push_back(t_.i64);
  llvm::Function* f = llvm::Function::Create(llvm::FunctionType::get(t_.i64, params, false),
                                             llvm::GlobalValue::InternalLinkage, name, module_);
  llvm::IRBuilder<> b(c_);
  b.SetInsertPoint(llvm::BasicBlock::Create(c_, "entry", f));
  llvm::Value* index = f->getArg(0);
  llvm::Value* find = b.CreateLoad(t_.ptr, b.CreateStructGEP(t_.index_data, index, abi::kIndexDataFind));
  auto* by_host = llvm::BasicBlock::Create(c_, "find.host", f);
  auto* search = llvm::BasicBlock::Create(c_, "find.search", f);
  b.CreateCondBr(b.CreateIsNull(find), search, by_host);
  b.SetInsertPoint(by_host);
  llvm::FunctionType* find_type = llvm::FunctionType::get(t_.i64, {t_.ptr, t_.i64, t_.ptr, t_.i64}, false);
  llvm::Value* null = llvm::ConstantPointerNull::get(t_.ptr);
  b.CreateRet(b.CreateCall(find_type, find,
                           text ? std::vector<llvm::Value*>{index, b.getInt64(0), f->getArg(1), f->getArg(2)}
                                : std::vector<llvm::Value*>{index, f->getArg(1), null, b.getInt64(0)}));
  b.SetInsertPoint(search);
  llvm::Value* n = b.CreateLoad(t_.i64, b.CreateStructGEP(t_.index_data, index, abi::kIndexDataNGroups));
  llvm::Value* values = b.CreateLoad(
      t_.ptr, b.CreateStructGEP(t_.index_data, index, text ? abi::kIndexDataGroupTexts : abi::kIndexDataGroupValues));
  emit_sorted_search(f, b, n, text, 1, [&](llvm::IRBuilder<>& at, llvm::Value* mid) -> llvm::Value* {
    return text ? at.CreateGEP(t_.str, values, mid) : at.CreateLoad(t_.i64, at.CreateGEP(t_.i64, values, mid));
  });
  return f;
}

// A subject-independent aggregate (lower::AggregatePlan::memo) is computed
// once per call of the rule/scorecard function and kept in entry-block slots
// that the per-subject reset does not touch. An error branches to the fail
// block before `done` is set, so the next subject computes it again and
// reports the same error, exactly as without the memo.
Val PackCodegen::eval_aggregate(ExprId e) {
  if (!plan_.aggregate(e).peer.empty()) return eval_peer_aggregate(e);
  if (!plan_.aggregate(e).memo) return aggregate_rows(e);
  MemoSlot& s = agg_memo_[{fn_, e.index}];
  if (!s.done) {
    s.done = entry_alloca(b_.getInt1Ty(), "memo.done");
    llvm::IRBuilder<> eb(entry_->getTerminator());
    eb.CreateStore(eb.getFalse(), s.done);
  }
  Type t = p_.type(e);
  llvm::BasicBlock* compute = block("memo.compute");
  llvm::BasicBlock* join = block("memo.join");
  b_.CreateCondBr(b_.CreateLoad(b_.getInt1Ty(), s.done), join, compute);
  b_.SetInsertPoint(compute);
  Val v = aggregate_rows(e);
  if (!s.a) {
    s.a = entry_alloca(v.a->getType(), "memo.value");
    if (t.optional) s.present = entry_alloca(b_.getInt1Ty(), "memo.present");
  }
  b_.CreateStore(v.a, s.a);
  if (s.present) b_.CreateStore(present_of(v), s.present);
  b_.CreateStore(b_.getTrue(), s.done);
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  Val out;
  out.a = b_.CreateLoad(s.a->getAllocatedType(), s.a);
  if (s.present) out.present = b_.CreateLoad(b_.getInt1Ty(), s.present);
  return out;
}

// A peer-group aggregate (lower::AggregatePlan::peer): its value is a function
// of the key (per key field of the subject row: present, then the value or 0
// when absent; for text the cell's pointer and length, compared by content
// and hashed with fides_text_hash — cells of input columns outlive the call),
// so it is remembered per call in an open-addressing table keyed by it
// (codegen_context.h, PeerSlot). A probe that finds the key returns the
// stored value; one that reaches an empty slot computes the aggregate and
// stores it there (while the table is at most half full: there are at most as
// many distinct keys as subjects, so only a call of more than kPeerMaxSlots/2
// subjects computes some keys again, with the same value). An error branches
// to the fail block before the store, so it is not remembered, exactly like
// the interpreter's map.
Val PackCodegen::eval_peer_aggregate(ExprId e) {
  const lower::AggregatePlan& ap = plan_.aggregate(e);
  int64_t nk = 0;  // key words: 2 per field, 3 for text (present, ptr, len)
  for (const lower::AggregatePlan::PeerKey& k : ap.peer) nk += k.text ? 3 : 2;
  const int64_t slot_bytes = nk * 8 + 8 + 2;
  llvm::AllocaInst*& arena = peer_arena_[fn_];
  if (!arena) {
    // One fides_arena (4 words, zeroed) per call, freed wherever the function returns.
    arena = entry_alloca(llvm::ArrayType::get(t_.i64, 4), "peer.arena");
    llvm::IRBuilder<> eb(entry_->getTerminator());
    eb.CreateMemSet(arena, eb.getInt8(0), 32, llvm::MaybeAlign(8));
    for (llvm::BasicBlock* bb : {exit_, oom_}) {
      llvm::IRBuilder<> xb(bb->getTerminator());
      xb.CreateCall(builtin("fides_arena_free"), {arena});
    }
  }
  PeerSlot& s = peer_memo_[{fn_, e.index}];
  if (!s.table) {
    s.table = entry_alloca(t_.ptr, "peer.table");
    s.cap = entry_alloca(t_.i64, "peer.cap");
    s.count = entry_alloca(t_.i64, "peer.count");
    llvm::IRBuilder<> eb(entry_->getTerminator());
    eb.CreateStore(llvm::ConstantPointerNull::get(t_.ptr), s.table);
  }
  // The key and its hash.
  const uint64_t mul = 0x9E3779B97F4A7C15ull;
  std::vector<llvm::Value*> key, hashed;  // the key words; what the hash mixes
  std::vector<bool> text_at;              // key[j] is a text's pointer (key[j + 1] its length)
  for (const lower::AggregatePlan::PeerKey& k : ap.peer) {
    Val v = read_column(k.record, k.field, row_);
    llvm::Value* pres = v.present ? b_.CreateZExt(v.present, t_.i64) : i64(1);
    auto word = [&](llvm::Value* w) { return v.present ? b_.CreateSelect(v.present, w, i64(0)) : w; };
    key.push_back(pres);
    hashed.push_back(pres);
    text_at.push_back(false);
    if (k.text) {
      llvm::Value* ptr = word(b_.CreatePtrToInt(v.a, t_.i64));
      llvm::Value* len = word(v.b);
      key.insert(key.end(), {ptr, len});
      hashed.push_back(call("fides_text_hash", {b_.CreateIntToPtr(ptr, t_.ptr), len}));
      text_at.insert(text_at.end(), {true, false});
    } else {
      llvm::Value* val = word(v.a->getType() == t_.i64 ? v.a : b_.CreateZExt(v.a, t_.i64));
      key.push_back(val);
      hashed.push_back(val);
      text_at.push_back(false);
    }
  }
  llvm::Value* h = i64(0);
  for (llvm::Value* k : hashed) h = b_.CreateMul(b_.CreateXor(h, k), i64(static_cast<int64_t>(mul)));
  h = b_.CreateXor(h, b_.CreateLShr(h, 32));
  h = b_.CreateMul(h, i64(static_cast<int64_t>(mul)));
  h = b_.CreateXor(h, b_.CreateLShr(h, 29));

  // The table, allocated on first use in this call.
  llvm::BasicBlock* alloc = block("peer.alloc");
  llvm::BasicBlock* ready = block("peer.ready");
  b_.CreateCondBr(b_.CreateIsNull(b_.CreateLoad(t_.ptr, s.table)), alloc, ready);
  b_.SetInsertPoint(alloc);
  {
    // cap = the power of two >= 2 * subjects (at least 16, at most kPeerMaxSlots).
    llvm::Value* n = b_.CreateSub(end_, begin_);
    llvm::Value* want = b_.CreateSelect(b_.CreateICmpSGT(n, i64(kPeerMaxSlots / 2)), i64(kPeerMaxSlots),
                                        b_.CreateMul(b_.CreateSelect(b_.CreateICmpSLT(n, i64(8)), i64(8), n), i64(2)));
    llvm::Value* lz = b_.CreateIntrinsic(llvm::Intrinsic::ctlz, {t_.i64}, {b_.CreateSub(want, i64(1)), b_.getFalse()});
    llvm::Value* cap = b_.CreateShl(i64(1), b_.CreateSub(i64(64), lz));
    llvm::Value* p = call("fides_arena_alloc", {arena, b_.CreateMul(cap, i64(slot_bytes))});
    oom_if_null(p);
    llvm::Value* valid = b_.CreateGEP(t_.i8, p, b_.CreateMul(cap, i64(nk * 8 + 8)));
    b_.CreateMemSet(valid, b_.getInt8(0), cap, llvm::MaybeAlign(1));
    b_.CreateStore(p, s.table);
    b_.CreateStore(cap, s.cap);
    b_.CreateStore(i64(0), s.count);
    b_.CreateBr(ready);
  }
  b_.SetInsertPoint(ready);
  llvm::Value* table = b_.CreateLoad(t_.ptr, s.table);
  llvm::Value* cap = b_.CreateLoad(t_.i64, s.cap);
  llvm::Value* mask = b_.CreateSub(cap, i64(1));
  llvm::Value* values = b_.CreateGEP(t_.i8, table, b_.CreateMul(cap, i64(nk * 8)));
  llvm::Value* valid = b_.CreateGEP(t_.i8, table, b_.CreateMul(cap, i64(nk * 8 + 8)));
  llvm::Value* presents = b_.CreateGEP(t_.i8, valid, cap);
  llvm::Value* start = b_.CreateAnd(h, mask);
  llvm::BasicBlock* probe = block("peer.probe");
  llvm::BasicBlock* compare_bb = block("peer.compare");
  llvm::BasicBlock* step = block("peer.step");
  llvm::BasicBlock* hit = block("peer.hit");
  llvm::BasicBlock* compute = block("peer.compute");
  llvm::BasicBlock* join = block("peer.join");
  b_.CreateBr(probe);
  b_.SetInsertPoint(probe);
  llvm::PHINode* at = b_.CreatePHI(t_.i64, 2, "peer.at");
  at->addIncoming(start, ready);
  b_.CreateCondBr(b_.CreateICmpEQ(b_.CreateLoad(t_.i8, b_.CreateGEP(t_.i8, valid, at)), b_.getInt8(0)), compute,
                  compare_bb);
  b_.SetInsertPoint(compare_bb);
  auto key_ptr = [&](int64_t j) { return b_.CreateGEP(t_.i64, table, b_.CreateAdd(b_.CreateMul(at, i64(nk)), i64(j))); };
  llvm::Value* same = b_.getTrue();
  for (int64_t j = 0; j < nk; ++j) {
    llvm::Value* stored = b_.CreateLoad(t_.i64, key_ptr(j));
    if (!text_at[j]) {
      same = b_.CreateAnd(same, b_.CreateICmpEQ(stored, key[j]));
      continue;
    }
    llvm::Value* stored_len = b_.CreateLoad(t_.i64, key_ptr(j + 1));
    same = b_.CreateAnd(same, call("fides_text_eq", {b_.CreateIntToPtr(stored, t_.ptr), stored_len,
                                                     b_.CreateIntToPtr(key[j], t_.ptr), key[j + 1]}));
    ++j;
  }
  b_.CreateCondBr(same, hit, step);
  b_.SetInsertPoint(step);
  at->addIncoming(b_.CreateAnd(b_.CreateAdd(at, i64(1)), mask), step);
  b_.CreateBr(probe);

  Type t = p_.type(e);
  b_.SetInsertPoint(hit);
  llvm::Value* hit_a = b_.CreateLoad(t_.i64, b_.CreateGEP(t_.i64, values, at));
  llvm::Value* hit_p = b_.CreateICmpNE(b_.CreateLoad(t_.i8, b_.CreateGEP(t_.i8, presents, at)), b_.getInt8(0));
  b_.CreateBr(join);

  // A miss: `at` is an empty slot. Compute, then store while at most half full.
  b_.SetInsertPoint(compute);
  Val v = aggregate_rows(e);
  llvm::Value* a = v.a->getType() == t_.i64 ? v.a : b_.CreateZExt(v.a, t_.i64);
  llvm::Value* pr = present_of(v);
  llvm::Value* count = b_.CreateLoad(t_.i64, s.count);
  llvm::BasicBlock* computed = b_.GetInsertBlock();
  llvm::BasicBlock* store = block("peer.store");
  b_.CreateCondBr(b_.CreateICmpSLE(b_.CreateMul(b_.CreateAdd(count, i64(1)), i64(2)), cap), store, join);
  b_.SetInsertPoint(store);
  for (int64_t j = 0; j < nk; ++j) b_.CreateStore(key[j], key_ptr(j));
  b_.CreateStore(a, b_.CreateGEP(t_.i64, values, at));
  b_.CreateStore(b_.CreateZExt(pr, t_.i8), b_.CreateGEP(t_.i8, presents, at));
  b_.CreateStore(b_.getInt8(1), b_.CreateGEP(t_.i8, valid, at));
  b_.CreateStore(b_.CreateAdd(count, i64(1)), s.count);
  b_.CreateBr(join);

  b_.SetInsertPoint(join);
  llvm::PHINode* out_a = b_.CreatePHI(t_.i64, 3, "peer.value");
  out_a->addIncoming(hit_a, hit);
  out_a->addIncoming(a, computed);
  out_a->addIncoming(a, store);
  Val out;
  if (t.optional) {
    llvm::PHINode* out_p = b_.CreatePHI(b_.getInt1Ty(), 3, "peer.present");
    out_p->addIncoming(hit_p, hit);
    out_p->addIncoming(pr, computed);
    out_p->addIncoming(pr, store);
    out.present = out_p;
  }
  out.a = rep_of(t.kind) == Rep::i1 ? b_.CreateTrunc(out_a, b_.getInt1Ty()) : out_a;
  return out;
}

llvm::Value* PackCodegen::row_cache_entry(int32_t cache, uint32_t record, llvm::Value* row) {
  llvm::Value* null = llvm::ConstantPointerNull::get(t_.ptr);
  llvm::BasicBlock* start = b_.GetInsertBlock();
  llvm::BasicBlock* have = block("rc.have");
  llvm::BasicBlock* history = block("rc.history");
  llvm::BasicBlock* marks = block("rc.marks");
  llvm::BasicBlock* clean = block("rc.clean");
  llvm::BasicBlock* join = block("rc.entry");
  llvm::Value* rc = load_field(t_.eval_ctx, ctx_, abi::kCtxRowCache, t_.ptr);
  b_.CreateCondBr(b_.CreateIsNull(rc), join, have);
  b_.SetInsertPoint(have);
  llvm::Value* counts = load_field(t_.row_cache, rc, abi::kRowCacheHistoryRows, t_.ptr);
  llvm::Value* n = b_.CreateLoad(t_.i64, b_.CreateConstGEP1_64(t_.i64, counts, record));
  b_.CreateCondBr(b_.CreateICmpSLT(row, n), history, join);
  b_.SetInsertPoint(history);
  llvm::Value* dirty = load_field(t_.row_cache, rc, abi::kRowCacheDirty, t_.ptr);
  llvm::BasicBlock* by_record = block("rc.dirty");
  b_.CreateCondBr(b_.CreateIsNull(dirty), clean, by_record);
  b_.SetInsertPoint(by_record);
  llvm::Value* mine = b_.CreateLoad(t_.ptr, b_.CreateConstGEP1_64(t_.ptr, dirty, record));
  b_.CreateCondBr(b_.CreateIsNull(mine), clean, marks);
  b_.SetInsertPoint(marks);
  llvm::Value* marked = b_.CreateICmpNE(b_.CreateLoad(t_.i8, b_.CreateGEP(t_.i8, mine, row)), b_.getInt8(0));
  b_.CreateCondBr(marked, join, clean);
  b_.SetInsertPoint(clean);
  llvm::Value* all = load_field(t_.row_cache, rc, abi::kRowCacheElements, t_.ptr);
  llvm::Value* elements = b_.CreateLoad(t_.ptr, b_.CreateConstGEP1_64(t_.ptr, all, static_cast<uint64_t>(cache)));
  llvm::Value* entry = b_.CreateGEP(t_.cached_element, elements, row);
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  llvm::PHINode* out = b_.CreatePHI(t_.ptr, 4, "rc.entry");
  out->addIncoming(null, start);
  out->addIncoming(null, have);
  out->addIncoming(null, marks);
  out->addIncoming(entry, clean);
  return out;
}

Val PackCodegen::cached_element(int32_t cache, uint32_t record, const std::vector<ExprId>& conds, ExprId value,
                                llvm::Value* elem, llvm::BasicBlock* skip) {
  llvm::Value* entry = row_cache_entry(cache, record, elem);
  llvm::BasicBlock* look = block("rc.look");
  llvm::BasicBlock* hit = block("rc.hit");
  llvm::BasicBlock* compute = block("rc.compute");
  llvm::BasicBlock* excluded = block("rc.excluded");
  llvm::BasicBlock* join = block("rc.join");
  b_.CreateCondBr(b_.CreateIsNull(entry), compute, look);
  b_.SetInsertPoint(look);
  llvm::LoadInst* state =
      b_.CreateAlignedLoad(t_.i8, b_.CreateStructGEP(t_.cached_element, entry, abi::kCachedState), llvm::Align(1));
  state->setAtomic(llvm::AtomicOrdering::Acquire);
  llvm::SwitchInst* by_state = b_.CreateSwitch(state, compute, 2);
  by_state->addCase(b_.getInt8(FIDES_CACHED_EXCLUDED), skip);
  by_state->addCase(b_.getInt8(FIDES_CACHED_INCLUDED), hit);
  b_.SetInsertPoint(hit);
  llvm::LoadInst* kept =
      b_.CreateAlignedLoad(t_.i64, b_.CreateStructGEP(t_.cached_element, entry, abi::kCachedValue), llvm::Align(8));
  kept->setAtomic(llvm::AtomicOrdering::Monotonic);
  b_.CreateBr(join);

  // The value first, then the state that publishes it (pack_abi.h).
  auto store = [&](llvm::Value* v, uint8_t st) {
    llvm::BasicBlock* write = block("rc.store");
    llvm::BasicBlock* after = block("rc.stored");
    b_.CreateCondBr(b_.CreateIsNull(entry), after, write);
    b_.SetInsertPoint(write);
    b_.CreateAlignedStore(v, b_.CreateStructGEP(t_.cached_element, entry, abi::kCachedValue), llvm::Align(8))
        ->setAtomic(llvm::AtomicOrdering::Monotonic);
    b_.CreateAlignedStore(b_.getInt8(st), b_.CreateStructGEP(t_.cached_element, entry, abi::kCachedState),
                          llvm::Align(1))
        ->setAtomic(llvm::AtomicOrdering::Release);
    b_.CreateBr(after);
    b_.SetInsertPoint(after);
  };
  b_.SetInsertPoint(compute);
  for (ExprId c : conds) {
    llvm::Value* w = cond(c);
    llvm::BasicBlock* match = block("rc.match");
    b_.CreateCondBr(w, match, excluded);
    b_.SetInsertPoint(match);
  }
  Val computed;
  llvm::Value* wide = i64(0);
  if (value.valid()) {
    computed = eval(value);
    wide = computed.a->getType() == t_.i64 ? computed.a : b_.CreateZExt(computed.a, t_.i64);
  }
  store(wide, FIDES_CACHED_INCLUDED);
  llvm::BasicBlock* computed_end = b_.GetInsertBlock();
  b_.CreateBr(join);
  b_.SetInsertPoint(excluded);
  store(i64(0), FIDES_CACHED_EXCLUDED);
  b_.CreateBr(skip);

  b_.SetInsertPoint(join);
  llvm::PHINode* v = b_.CreatePHI(t_.i64, 2, "rc.value");
  v->addIncoming(kept, hit);
  v->addIncoming(wide, computed_end);
  Val out;
  if (value.valid()) out.a = computed.a->getType() == t_.i64 ? v : b_.CreateTrunc(v, computed.a->getType());
  return out;
}

// A list value for an aggregate's collection expression.
Val PackCodegen::eval_collection(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  const sema::Resolution& r = p_.resolution(e);
  if (x.kind == ast::ExprKind::call && r.kind == sema::RefKind::builtin &&
      static_cast<sema::BuiltinId>(r.index) == sema::BuiltinId::hits) {
    // hits(x): the findings attributed to x's row; none while the first stratum runs.
    Type rt = p_.type(x.kids[0]);
    Val row = eval(x.kids[0]);
    llvm::Value* view = load_field(t_.eval_ctx, ctx_, abi::kCtxFindings, t_.ptr);
    llvm::BasicBlock* before = b_.GetInsertBlock();
    llvm::BasicBlock* have = block("hits.view");
    llvm::BasicBlock* join = block("hits.end");
    b_.CreateCondBr(b_.CreateIsNull(view), join, have);
    b_.SetInsertPoint(have);
    llvm::Value* by_record = load_field(t_.findings_view, view, abi::kFindingsByRecord, t_.ptr);
    llvm::Value* idx = b_.CreateConstGEP1_64(t_.index_data, by_record, rt.record.index);
    llvm::Value* offsets = load_field(t_.index_data, idx, abi::kIndexDataOffsets, t_.ptr);
    Val got;
    got.a = load_field(t_.index_data, idx, abi::kIndexDataRows, t_.ptr);
    got.b = b_.CreateLoad(t_.i64, b_.CreateGEP(t_.i64, offsets, row.a));
    got.c = group_end(idx, offsets, row.a);
    llvm::BasicBlock* have_end = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    Val none;
    none.a = llvm::ConstantPointerNull::get(t_.ptr);
    none.b = i64(0);
    none.c = i64(0);
    // Rows must be a real pointer when the list is not empty; the empty list never reads it.
    return merge(sema::Type::findings(), before, none, have_end, got);
  }
  if (r.kind == sema::RefKind::record_rows && x.kind == ast::ExprKind::name) {
    Val v;
    v.a = llvm::ConstantPointerNull::get(t_.ptr);
    v.b = i64(0);
    v.c = n_rows(r.index);
    return v;
  }
  return eval(e);
}

// With an equality index in the plan, the elements are the one group of the
// BY_FIELD index whose value is the key (evaluated once, before the rows), and
// `where` is the plan's residual conjuncts, in order, short-circuiting.
Val PackCodegen::aggregate_rows(ExprId e) {
  const ast::Expr& x = m_.expr(e);
  const lower::AggregatePlan& ap = plan_.aggregate(e);
  AggregateKind kind = x.aggregate_kind;
  ExprId coll_e = x.kids.size() > 0 ? x.kids[0] : ExprId();
  ExprId where = x.kids.size() > 1 ? x.kids[1] : ExprId();
  ExprId value = x.kids.size() > 2 ? x.kids[2] : ExprId();
  ExprId order = x.kids.size() > 3 ? x.kids[3] : ExprId();
  Type result_t = p_.type(e);
  std::vector<ExprId> conds;
  if (where.valid()) conds.push_back(where);

  // The rank of percentile first (median is percentile 50), as the interpreter.
  ExprId rank = x.kids.size() > 4 ? x.kids[4] : ExprId();
  llvm::Value* pct = rank.valid() ? use(rank).a : i64(50);

  Val coll;
  bool identity = false, direct = false;
  if (ap.index >= 0) {
    Val key = use(ap.key);  // planned only when it cannot fail
    llvm::Value* idx = index_data(ap.index);
    llvm::Value* g;
    if (rep_of(ap.key_kind) == Rep::text) {
      g = b_.CreateCall(group_find_fn(true), {idx, key.a, key.b});
    } else {
      llvm::Value* k = key.a->getType() == t_.i64 ? key.a : b_.CreateZExt(key.a, t_.i64);
      g = b_.CreateCall(group_find_fn(false), {idx, k});
    }
    llvm::Value* offsets = load_field(t_.index_data, idx, abi::kIndexDataOffsets, t_.ptr);
    llvm::Value* has = b_.CreateICmpSGE(g, i64(0));
    llvm::Value* gi = b_.CreateSelect(has, g, i64(0));
    // offsets has n_groups + 1 entries, so reading at 0 and 1 is safe only when
    // a group exists; an empty range otherwise.
    llvm::BasicBlock* before = b_.GetInsertBlock();
    llvm::BasicBlock* hit = block("group.hit");
    llvm::BasicBlock* join = block("group.end");
    b_.CreateCondBr(has, hit, join);
    b_.SetInsertPoint(hit);
    llvm::Value* gb = b_.CreateLoad(t_.i64, b_.CreateGEP(t_.i64, offsets, gi));
    llvm::Value* ge = group_end(idx, offsets, gi);
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    llvm::PHINode* pb = b_.CreatePHI(t_.i64, 2, "group.begin");
    pb->addIncoming(i64(0), before);
    pb->addIncoming(gb, hit);
    llvm::PHINode* pe = b_.CreatePHI(t_.i64, 2, "group.end");
    pe->addIncoming(i64(0), before);
    pe->addIncoming(ge, hit);
    coll.a = load_field(t_.index_data, idx, abi::kIndexDataRows, t_.ptr);
    coll.b = pb;
    coll.c = pe;
    direct = true;
    conds = ap.residual;
  } else {
    coll = eval_collection(coll_e);
    identity = llvm::isa<llvm::ConstantPointerNull>(coll.a);
    direct = !identity && llvm::isa<llvm::Constant>(coll.a);
  }

  // Accumulators.
  llvm::AllocaInst* i_slot = entry_alloca(t_.i64, "agg.i");
  llvm::AllocaInst* count = entry_alloca(t_.i64, "agg.count");
  llvm::AllocaInst* has = entry_alloca(b_.getInt1Ty(), "agg.has");
  llvm::AllocaInst* acc_a = nullptr;  // sum / best value / chosen element
  llvm::AllocaInst* acc_b = nullptr;  // text length of the best value
  llvm::AllocaInst* key_a = nullptr;  // order-by key of the chosen element
  llvm::AllocaInst* key_b = nullptr;
  llvm::Value* values = nullptr;      // count distinct, median, percentile, stddev: the values
  Type vt = value.valid() ? p_.type(value).non_optional() : Type::of(TypeKind::int_);
  Type ot = order.valid() ? p_.type(order).non_optional() : Type::of(TypeKind::int_);
  b_.CreateStore(coll.b, i_slot);
  b_.CreateStore(i64(0), count);
  b_.CreateStore(b_.getFalse(), has);
  switch (kind) {
    case AggregateKind::sum:
    case AggregateKind::avg:
      acc_a = entry_alloca(t_.i64, "agg.sum");
      b_.CreateStore(i64(0), acc_a);
      break;
    case AggregateKind::min:
    case AggregateKind::max:
      acc_a = entry_alloca(rep_of(vt.kind) == Rep::text ? static_cast<llvm::Type*>(t_.ptr) : t_.i64, "agg.best");
      acc_b = entry_alloca(t_.i64, "agg.best.len");
      break;
    case AggregateKind::first:
    case AggregateKind::last:
      acc_a = entry_alloca(t_.i64, "agg.elem");
      b_.CreateStore(i64(0), acc_a);
      if (order.valid()) {
        key_a = entry_alloca(rep_of(ot.kind) == Rep::text ? static_cast<llvm::Type*>(t_.ptr) : t_.i64, "agg.key");
        key_b = entry_alloca(t_.i64, "agg.key.len");
      }
      break;
    case AggregateKind::count_distinct:
    case AggregateKind::median:
    case AggregateKind::percentile:
    case AggregateKind::stddev: {
      // One slot per element: an i64, or a fides_str {ptr, i64} for text.
      llvm::Value* n = b_.CreateSub(coll.c, coll.b);
      int64_t width = rep_of(vt.kind) == Rep::text ? 16 : 8;
      llvm::Value* bytes = b_.CreateMul(b_.CreateSelect(b_.CreateICmpSGT(n, i64(0)), n, i64(0)), i64(width));
      values = call("fides_arena_alloc", {arena_, bytes});
      oom_if_null(values);
      break;
    }
    default: break;
  }

  llvm::BasicBlock* header = block("agg.header");
  llvm::BasicBlock* body = block("agg.body");
  llvm::BasicBlock* latch = block("agg.latch");
  llvm::BasicBlock* done = block("agg.done");
  b_.CreateBr(header);
  b_.SetInsertPoint(header);
  llvm::Value* i = b_.CreateLoad(t_.i64, i_slot);
  b_.CreateCondBr(b_.CreateICmpSLT(i, coll.c), body, done);
  b_.SetInsertPoint(body);
  llvm::Value* elem;
  if (identity) {
    elem = i;
  } else if (direct) {
    elem = b_.CreateLoad(t_.i64, b_.CreateGEP(t_.i64, coll.a, i));
  } else {
    // A list from a let: rows may be null (all rows of a record).
    llvm::BasicBlock* before = b_.GetInsertBlock();
    llvm::BasicBlock* indirect = block("agg.indirect");
    llvm::BasicBlock* join = block("agg.elem");
    b_.CreateCondBr(b_.CreateIsNull(coll.a), join, indirect);
    b_.SetInsertPoint(indirect);
    llvm::Value* loaded = b_.CreateLoad(t_.i64, b_.CreateGEP(t_.i64, coll.a, i));
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    llvm::PHINode* phi = b_.CreatePHI(t_.i64, 2);
    phi->addIncoming(i, before);
    phi->addIncoming(loaded, indirect);
    elem = phi;
  }
  // Bind the variable (saving an outer binding of the same aggregate, if any).
  std::optional<Val> saved;
  if (auto it = agg_vars_.find(e.index); it != agg_vars_.end()) saved = it->second;
  Val ev;
  ev.a = elem;
  agg_vars_[e.index] = ev;

  // With a row cache, `where` and the value of a clean history row come from it.
  std::optional<Val> cached;
  if (ap.row_cache >= 0) {
    const uint32_t record = plan_.description.row_cache_records[static_cast<size_t>(ap.row_cache)];
    cached = cached_element(ap.row_cache, record, conds, value, elem, latch);
  } else {
    for (ExprId c : conds) {
      llvm::Value* w = cond(c);
      llvm::BasicBlock* match = block("agg.match");
      b_.CreateCondBr(w, match, latch);
      b_.SetInsertPoint(match);
    }
  }
  auto element_value = [&] { return cached ? *cached : eval(value); };
  switch (kind) {
    case AggregateKind::count:
      b_.CreateStore(b_.CreateAdd(b_.CreateLoad(t_.i64, count), i64(1)), count);
      break;
    case AggregateKind::exists:
      b_.CreateStore(b_.getTrue(), has);
      b_.CreateBr(done);
      b_.SetInsertPoint(block("agg.dead"));
      break;
    case AggregateKind::sum:
    case AggregateKind::avg: {
      Val v = element_value();
      bool is_int = vt.kind == TypeKind::int_;
      llvm::Value* sum = call_status(is_int ? "fides_int_add" : "fides_dec_add",
                                     {b_.CreateLoad(t_.i64, acc_a), v.a}, t_.i64, e);
      b_.CreateStore(sum, acc_a);
      b_.CreateStore(b_.CreateAdd(b_.CreateLoad(t_.i64, count), i64(1)), count);
      break;
    }
    case AggregateKind::min:
    case AggregateKind::max: {
      Val v = element_value();
      v.present = nullptr;
      Val best;
      best.a = b_.CreateLoad(acc_a->getAllocatedType(), acc_a);
      best.b = b_.CreateLoad(t_.i64, acc_b);
      llvm::BasicBlock* store = block("agg.take");
      llvm::BasicBlock* after = block("agg.kept");
      llvm::BasicBlock* versus = block("agg.compare");
      b_.CreateCondBr(b_.CreateLoad(b_.getInt1Ty(), has), versus, store);
      b_.SetInsertPoint(versus);
      llvm::Value* better =
          compare(kind == AggregateKind::min ? ast::BinaryOp::lt : ast::BinaryOp::gt, vt.kind, v, best);
      b_.CreateCondBr(better, store, after);
      b_.SetInsertPoint(store);
      b_.CreateStore(v.a, acc_a);
      b_.CreateStore(v.b ? v.b : i64(0), acc_b);
      b_.CreateStore(b_.getTrue(), has);
      b_.CreateBr(after);
      b_.SetInsertPoint(after);
      break;
    }
    case AggregateKind::count_distinct:
    case AggregateKind::median:
    case AggregateKind::percentile:
    case AggregateKind::stddev: {
      // Collected here, counted or computed by the C built-in after the loop.
      Val v = element_value();
      llvm::Value* n = b_.CreateLoad(t_.i64, count);
      Rep rep = rep_of(vt.kind);
      if (rep == Rep::text) {
        llvm::Value* dst = b_.CreateGEP(t_.str, values, n);
        b_.CreateStore(v.a, b_.CreateStructGEP(t_.str, dst, abi::kStrPtr));
        b_.CreateStore(v.b, b_.CreateStructGEP(t_.str, dst, abi::kStrLen));
      } else {
        b_.CreateStore(rep == Rep::i1 ? b_.CreateZExt(v.a, t_.i64) : v.a, b_.CreateGEP(t_.i64, values, n));
      }
      b_.CreateStore(b_.CreateAdd(n, i64(1)), count);
      break;
    }
    case AggregateKind::first:
    case AggregateKind::last: {
      if (!order.valid()) {
        b_.CreateStore(elem, acc_a);
        b_.CreateStore(b_.getTrue(), has);
        if (kind == AggregateKind::first) {
          b_.CreateBr(done);
          b_.SetInsertPoint(block("agg.dead"));
        }
        break;
      }
      Val k = eval(order);
      k.present = nullptr;
      Val best;
      best.a = b_.CreateLoad(key_a->getAllocatedType(), key_a);
      best.b = b_.CreateLoad(t_.i64, key_b);
      // first: strictly smaller wins (ties: earliest); last: larger or equal wins (ties: latest).
      llvm::BasicBlock* store = block("agg.take");
      llvm::BasicBlock* after = block("agg.kept");
      llvm::BasicBlock* versus = block("agg.compare");
      b_.CreateCondBr(b_.CreateLoad(b_.getInt1Ty(), has), versus, store);
      b_.SetInsertPoint(versus);
      llvm::Value* better =
          compare(kind == AggregateKind::first ? ast::BinaryOp::lt : ast::BinaryOp::ge, ot.kind, k, best);
      b_.CreateCondBr(better, store, after);
      b_.SetInsertPoint(store);
      b_.CreateStore(k.a, key_a);
      b_.CreateStore(k.b ? k.b : i64(0), key_b);
      b_.CreateStore(elem, acc_a);
      b_.CreateStore(b_.getTrue(), has);
      b_.CreateBr(after);
      b_.SetInsertPoint(after);
      break;
    }
  }
  b_.CreateBr(latch);
  b_.SetInsertPoint(latch);
  b_.CreateStore(b_.CreateAdd(b_.CreateLoad(t_.i64, i_slot), i64(1)), i_slot);
  b_.CreateBr(header);

  if (saved) agg_vars_[e.index] = *saved;
  else agg_vars_.erase(e.index);

  b_.SetInsertPoint(done);
  Val out;
  switch (kind) {
    case AggregateKind::count: out.a = b_.CreateLoad(t_.i64, count); return out;
    case AggregateKind::count_distinct: {
      const char* fn = rep_of(vt.kind) == Rep::text ? "fides_count_distinct_text" : "fides_count_distinct_int";
      out.a = call(fn, {values, b_.CreateLoad(t_.i64, count)});
      return out;
    }
    case AggregateKind::median:
    case AggregateKind::percentile:
    case AggregateKind::stddev: {
      // The built-in checks the rank even when empty; the result is absent then.
      llvm::Value* n = b_.CreateLoad(t_.i64, count);
      llvm::Value* ints = b_.getInt1(vt.kind == TypeKind::int_);
      llvm::Value* r = kind == AggregateKind::stddev
                           ? call_status("fides_stddev", {values, n, ints}, t_.i64, e)
                           : call_status("fides_percentile", {values, n, pct, ints}, t_.i64, e);
      out.present = b_.CreateICmpSGT(n, i64(0));
      out.a = b_.CreateSelect(out.present, r, i64(0));  // the out slot is unwritten when empty
      return out;
    }
    case AggregateKind::exists: out.a = b_.CreateLoad(b_.getInt1Ty(), has); return out;
    case AggregateKind::sum: out.a = b_.CreateLoad(t_.i64, acc_a); return out;
    case AggregateKind::min:
    case AggregateKind::max:
      out.a = b_.CreateLoad(acc_a->getAllocatedType(), acc_a);
      if (rep_of(vt.kind) == Rep::text) out.b = b_.CreateLoad(t_.i64, acc_b);
      out.present = b_.CreateLoad(b_.getInt1Ty(), has);
      return out;
    case AggregateKind::first:
    case AggregateKind::last:
      out.a = b_.CreateLoad(t_.i64, acc_a);
      out.present = b_.CreateLoad(b_.getInt1Ty(), has);
      return out;
    case AggregateKind::avg: {
      // absent when empty; else the sum (as a decimal) divided by the count.
      llvm::Value* n = b_.CreateLoad(t_.i64, count);
      llvm::BasicBlock* before = b_.GetInsertBlock();
      llvm::BasicBlock* some = block("avg.some");
      llvm::BasicBlock* join = block("avg.end");
      b_.CreateCondBr(b_.CreateICmpSGT(n, i64(0)), some, join);
      b_.SetInsertPoint(some);
      llvm::Value* sum = b_.CreateLoad(t_.i64, acc_a);
      if (vt.kind == TypeKind::int_) sum = call_status("fides_int_to_dec", {sum}, t_.i64, e);
      llvm::Value* avg = call_status("fides_dec_div_int", {sum, n}, t_.i64, e);
      llvm::BasicBlock* some_end = b_.GetInsertBlock();
      b_.CreateBr(join);
      b_.SetInsertPoint(join);
      Val none, got;
      none.a = i64(0);
      none.present = b_.getFalse();
      got.a = avg;
      got.present = b_.getTrue();
      return merge(result_t, before, none, some_end, got);
    }
  }
  return out;
}

}  // namespace fides::codegen
