// The expression and rule code generator: from a lower::Plan to the pack's
// eval_rule / eval_scorecard functions (docs/evaluation.md is the contract).
//
// One PackCodegen per pack module. Every rule and scorecard becomes an
// internal function `rule.<i>` / `scorecard.<i>` with the fides_eval_fn
// signature minus the index; eval_rule / eval_scorecard switch on the index.
// Each of those functions loops over its subject rows and keeps, per call:
//   - a fides_arena for text (reset per subject, freed at return);
//   - one memo slot per let (a `done` flag reset per subject, and the value);
//   - a shared `fail` block: every evaluation error branches there with its
//     status and the " at path:line:col" suffix of the failing expression,
//     the block sends the error row and goes on with the next subject;
//   - an `oom` block returning 1.
//
// The member functions are split over several files by construct family:
//   emit_values.cpp      representation, conversions, errors, lets, helpers
//   emit_arith.cpp       unary / binary operators, if, ??, bins
//   emit_text.cpp        text operations, printing, templates
//   emit_dates.cpp       durations and date arithmetic
//   emit_refs.cpp        names, fields, params, tables, literals, calls, defs
//   emit_aggregates.cpp  count … last over via / all rows / hits
//   emit_rules.cpp       eval_rule and the per-rule functions
//   emit_scorecards.cpp  eval_scorecard and the per-scorecard functions
//   emit_groups.cpp      eval_group: where and keys per member row
#pragma once

#include <functional>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "codegen/abi_types.h"
#include "codegen/builtins.h"
#include "lower/plan.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "sema/program.h"
#include "support/source_manager.h"

namespace fides::codegen {

using sema::ExprId;
using sema::Type;
using sema::TypeKind;

// A value in registers. By kind (see rep_of):
//   bool                 a = i1
//   int, decimal, money, date, severity, record row, finding number,
//   duration count       a = i64
//   text                 a = ptr, b = i64 length
//   list                 a = ptr to row numbers (null: rows are begin..end), b = begin, c = end
// present: i1 when the value may be absent, nullptr when it is known present.
struct Val {
  llvm::Value* a = nullptr;
  llvm::Value* b = nullptr;
  llvm::Value* c = nullptr;
  llvm::Value* present = nullptr;
};

enum class Rep : uint8_t { none, i1, i64, text, list };
Rep rep_of(TypeKind k);

class PackCodegen {
 public:
  PackCodegen(const lower::Plan& plan, const SourceManager& sources, llvm::Module& module,
              const BuiltinLibrary& builtins);

  // Defines eval_rule, eval_scorecard and eval_group (null when the pack has none).
  llvm::Error emit(llvm::Function*& eval_rule, llvm::Function*& eval_scorecard, llvm::Function*& eval_group);

  // ---- emit_rules.cpp / emit_scorecards.cpp / emit_groups.cpp
  llvm::Function* emit_dispatcher(const char* name, const std::vector<llvm::Function*>& targets,
                                  const std::vector<uint32_t>& case_values = {});
  llvm::Function* emit_rule(uint32_t rule);
  llvm::Function* emit_scorecard(uint32_t scorecard);
  llvm::Function* emit_group(uint32_t group_record);

  // ---- emit_values.cpp: function frame
  enum class Owner : uint8_t { rule, scorecard, group };
  // Starts a per-rule/scorecard function: entry, arena, loop header; leaves
  // the builder in the subject body. Returns the function.
  llvm::Function* begin_subject_function(const std::string& name, Owner owner, uint32_t index,
                                         uint32_t record);
  // Ends the subject body (branch to the latch) and finishes the function.
  void end_subject_function();

  // ---- emit_values.cpp: evaluation entry points
  Val eval(ExprId e);                 // in the representation of types[e]
  Val eval_node(ExprId e);            // eval without the chain handling
  Val use(ExprId e);                  // converted to used_type(e)
  Val use_as(ExprId e, const Type& to);  // eval, then convert to `to`
  Val convert(Val v, const Type& from, const Type& to, ExprId at);
  llvm::Value* cond(ExprId e);        // a bool use as i1
  llvm::Value* present_of(const Val& v);  // i1 (true when v.present is null)
  Val merge(const Type& t, llvm::BasicBlock* bb1, Val v1, llvm::BasicBlock* bb2, Val v2);
  Val phi_of(const Type& t, const std::vector<std::pair<llvm::BasicBlock*, Val>>& in);
  Val materialize_optional(Val v, const Type& t);
  // A value of type t that is absent (zeros; present false when t is optional).
  Val absent_of(const Type& t);

  // ---- errors
  std::string location_suffix(ExprId at);
  std::string location_suffix(Span at);
  // Reports the failure of the expression at `at` when status (i32) is non-zero.
  void fail_if(llvm::Value* status, ExprId at);
  void fail_if(llvm::Value* status, Span at);
  // Calls a status-returning built-in whose last parameter is the out pointer.
  llvm::Value* call_status(llvm::StringRef name, std::vector<llvm::Value*> args, llvm::Type* out,
                           ExprId at);
  // Sends a prepared full message (text Val) as the error row.
  void fail_with_message(llvm::Value* ptr, llvm::Value* len);
  // Calls the fail function at a failing site, then goes on to the next
  // subject (or returns 1 when the error row could not be allocated).
  void report_failure(llvm::Value* status, llvm::Value* where, llvm::Value* where_len);
  llvm::Function* fail_function();
  void emit_fail_function_body();
  // Branches to oom when `ptr` is null.
  void oom_if_null(llvm::Value* ptr);
  void oom_if_status(llvm::Value* status);

  // ---- helpers
  llvm::Function* builtin(llvm::StringRef name);
  llvm::CallInst* call(llvm::StringRef name, llvm::ArrayRef<llvm::Value*> args);
  llvm::AllocaInst* entry_alloca(llvm::Type* t, const llvm::Twine& name = "");
  llvm::Value* i64(int64_t v) { return b_.getInt64(static_cast<uint64_t>(v)); }
  llvm::Value* i32(int32_t v) { return b_.getInt32(static_cast<uint32_t>(v)); }
  llvm::Constant* cstring(const std::string& s);  // private constant bytes (no NUL needed)
  Val text_const(const std::string& s);
  llvm::BasicBlock* block(const llvm::Twine& name);
  llvm::Value* load_field(llvm::StructType* t, llvm::Value* p, unsigned field, llvm::Type* ty);
  llvm::Value* to_i32(llvm::Value* v) { return b_.CreateTrunc(v, t_.i32); }
  llvm::Value* from_i32(llvm::Value* v) { return b_.CreateSExt(v, t_.i64); }
  llvm::Value* arena() { return arena_; }

  // ---- data access (emit_refs.cpp)
  llvm::Value* record_data(uint32_t record);               // ptr to fides_record_data
  llvm::Value* n_rows(uint32_t record);
  llvm::Value* column_ptr(uint32_t record, int32_t column);  // ptr to fides_column
  Val read_column(uint32_t record, uint32_t field, llvm::Value* row);
  Val read_key_text(uint32_t record, llvm::Value* row);     // the key as text (printing)
  llvm::Value* table_data(uint32_t table);
  llvm::Value* index_data(int32_t slot);
  // Where group `group` of an index (a fides_index_data*) ends: ends[g], or offsets[g + 1].
  llvm::Value* group_end(llvm::Value* index, llvm::Value* offsets, llvm::Value* group);
  // Binary search: the position of `key` in table `t`, or -1.
  llvm::Value* table_find(uint32_t table, const Val& key, TypeKind key_kind);
  llvm::Function* table_find_fn(bool text);
  // The shared binary search of table_find_fn and group_find_fn (emit_refs.cpp).
  using ElementAt = std::function<llvm::Value*(llvm::IRBuilder<>&, llvm::Value* mid)>;
  void emit_sorted_search(llvm::Function* f, llvm::IRBuilder<>& b, llvm::Value* n, bool text, unsigned key_arg,
                          const ElementAt& element_at);

  // ---- expression families
  Val eval_literal(ExprId e);
  Val eval_name(ExprId e);
  Val eval_field(ExprId e);
  Val read_field(ExprId e, Val base);  // e's field of a present base
  Val eval_index(ExprId e);
  Val eval_unary(ExprId e);
  Val eval_binary(ExprId e);
  Val eval_arith(ExprId e);
  Val eval_compare(ExprId e);
  Val eval_logic(ExprId e);
  Val eval_coalesce(ExprId e);
  Val eval_in(ExprId e);
  Val eval_like(ExprId e);
  Val eval_if(ExprId e);
  Val eval_call(ExprId e);
  Val eval_builtin(ExprId e, sema::BuiltinId id);
  Val eval_def_call(ExprId e, uint32_t def);
  Val eval_template(ExprId e);
  Val eval_aggregate(ExprId e);       // with the plan's memo (lower::AggregatePlan)
  Val aggregate_rows(ExprId e);       // one evaluation, by the plan's access path
  // i64 group(ptr index_data, key…): the BY_FIELD group holding key, or -1.
  llvm::Function* group_find_fn(bool text);
  // The row cache's entry of element `row` of cache `cache` over `record`
  // (fides_row_cache), or null when the call has none or the row is not the
  // history's or is dirty (emit_aggregates.cpp).
  llvm::Value* row_cache_entry(int32_t cache, uint32_t record, llvm::Value* row);
  // One element of an aggregate with a row cache: its `where` (conds, in
  // order) and value, from the cache when the entry is filled, else computed
  // and stored there; branches to `skip` when `where` is false. The value
  // (an invalid Val without one).
  Val cached_element(int32_t cache, uint32_t record, const std::vector<ExprId>& conds, ExprId value,
                     llvm::Value* elem, llvm::BasicBlock* skip);
  Val eval_bins(ExprId e);
  Val eval_let(int kind, uint32_t owner, uint32_t index, const sema::Let& let);
  Val eval_finding_field(sema::FindingField f, llvm::Value* finding);
  Val eval_collection(ExprId e);  // a list value
  Val date_shift(ExprId e, Val date, ExprId duration, bool subtract);

  // comparisons of two values of one type; op is a BinaryOp comparison
  llvm::Value* compare(ast::BinaryOp op, TypeKind kind, const Val& l, const Val& r);
  llvm::Value* values_equal(TypeKind kind, const Val& l, const Val& r);
  // Prints a value as output files do (absent: empty), into the arena.
  Val print(const Val& v, const Type& t);
  Val concat(const std::vector<Val>& parts);

  // set/map operands: a table or a literal
  struct Collection {
    bool is_table = false;
    uint32_t table = 0;
    ExprId literal;  // set_lit / map_lit
  };
  std::optional<Collection> resolve_collection(ExprId e);
  std::optional<ast::DurationUnit> duration_unit_of(ExprId e);

  // ---- state
  const lower::Plan& plan_;
  const sema::Program& p_;
  const ast::Module& m_;
  const SourceManager& sm_;
  llvm::Module& module_;
  llvm::LLVMContext& c_;
  const BuiltinLibrary& lib_;
  AbiTypes t_;
  llvm::IRBuilder<> b_;
  llvm::Error error_ = llvm::Error::success();
  std::unordered_map<uint32_t, uint32_t> file_order_;  // FileId index -> source index
  std::map<std::string, llvm::Constant*> strings_;
  llvm::Constant* status_messages_ = nullptr;  // [FIDES_STATUS_COUNT x fides_str]
  llvm::Function* table_find_int_ = nullptr;
  llvm::Function* table_find_text_ = nullptr;

  // per-function state
  llvm::Function* fn_ = nullptr;
  llvm::BasicBlock* entry_ = nullptr;
  llvm::Value* ctx_ = nullptr;
  llvm::Value* begin_ = nullptr;
  llvm::Value* end_ = nullptr;
  llvm::PHINode* row_ = nullptr;
  uint32_t subject_record_ = 0;
  llvm::Value* arena_ = nullptr;
  Owner owner_ = Owner::rule;
  uint32_t owner_index_ = 0;
  llvm::BasicBlock* body_ = nullptr;
  llvm::BasicBlock* latch_ = nullptr;
  llvm::BasicBlock* exit_ = nullptr;
  llvm::AllocaInst* row_slot_ = nullptr;
  // One out slot per type for every call_status of the function: each is
  // read right after its call. An alloca per call made mem2reg compute an
  // iterated dominance frontier per call, quadratic over a long chain.
  std::map<llvm::Type*, llvm::AllocaInst*> status_out_slots_;  // the current row, stored per subject
  // `<function>.fail(ctx, arena, row slot, status, where, where_len) -> i1 out of memory`:
  // writes the error row; status -1 means `where` is the whole message.
  llvm::Function* fail_fn_ = nullptr;
  llvm::BasicBlock* oom_ = nullptr;
  llvm::BasicBlock* reset_ = nullptr;  // per-subject resets (let flags), filled as lets appear
  struct LetSlot {
    llvm::AllocaInst* done = nullptr;
    llvm::AllocaInst* a = nullptr;
    llvm::AllocaInst* b = nullptr;
    llvm::AllocaInst* c = nullptr;
    llvm::AllocaInst* present = nullptr;
  };
  std::map<std::tuple<int, uint32_t, uint32_t>, LetSlot> lets_;
  // Values of chain nodes emitted ahead of the node above them (eval()).
  std::unordered_map<uint32_t, Val> chain_values_;
  std::unordered_map<uint32_t, Val> agg_vars_;  // aggregate ExprId -> current element
  // Memoised aggregates: (function, aggregate ExprId) -> entry-block slots
  // {done, value, present}, kept across the subjects of one call.
  struct MemoSlot {
    llvm::AllocaInst* done = nullptr;
    llvm::AllocaInst* a = nullptr;
    llvm::AllocaInst* present = nullptr;
  };
  std::map<std::pair<llvm::Function*, uint32_t>, MemoSlot> agg_memo_;
  // Peer-group aggregates (lower::AggregatePlan::peer): per (function,
  // aggregate), an open-addressing table (linear probing) allocated on first
  // use in a call from the function's peer arena, which the exit and oom
  // blocks free: entry-block slots hold its pointer (null at call start), its
  // capacity (a power of two ≥ 2 × the call's subjects, at most
  // kPeerMaxSlots) and its entry count. Layout per slot i: keys[i × nk]
  // (per key field: present, value; or present, ptr, len for text), value[i] (i64; i1 results widened),
  // valid[i], present[i] (bytes).
  static constexpr int64_t kPeerMaxSlots = int64_t{1} << 16;
  struct PeerSlot {
    llvm::AllocaInst* table = nullptr;
    llvm::AllocaInst* cap = nullptr;
    llvm::AllocaInst* count = nullptr;
  };
  std::map<std::pair<llvm::Function*, uint32_t>, PeerSlot> peer_memo_;
  std::map<llvm::Function*, llvm::AllocaInst*> peer_arena_;  // a fides_arena per function, per call
  Val eval_peer_aggregate(ExprId e);  // emit_aggregates.cpp
  struct Frame {
    uint32_t def = 0;
    std::vector<Val> args;
    std::vector<ExprId> arg_exprs;
    size_t caller_depth = 0;
  };
  std::vector<Frame> frames_;
  std::optional<Val> score_;  // `score` in grade bands
};

}  // namespace fides::codegen
