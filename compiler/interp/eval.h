// One call of an entry point: all per-call state of the interpreter (the
// subject, let memos, bindings, literal storage, the text arena, the error
// slot). Created on the stack by Interpreter::eval_rule/eval_scorecard and
// thrown away at the end of the call; nothing here is shared between calls.
//
// Evaluation functions return true with the value in `out`, or false with
// the first error in `error_` (or `oom_` set). No exceptions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "builtins/fides_builtins.h"
#include "interp/source_positions.h"
#include "interp/value.h"
#include "lower/plan.h"

namespace fides::interp {

class Eval {
 public:
  Eval(const lower::Plan& plan, const SourcePositions& positions, const fides_eval_ctx* ctx);
  ~Eval();
  Eval(const Eval&) = delete;
  Eval& operator=(const Eval&) = delete;

  int run_rule(uint32_t rule, int64_t begin, int64_t end);
  int run_scorecard(uint32_t scorecard, int64_t begin, int64_t end);
  int run_group(uint32_t group_record, int64_t begin, int64_t end);

 private:
  using ExprId = ast::ExprId;
  using TypeKind = sema::TypeKind;

  // ---- eval_entry.cpp: subjects
  void start_subject(int64_t row, const std::vector<sema::Let>* lets);
  bool rule_subject(const sema::Rule& r, bool& skipped, bool& hit, V& amount, V& points, V& message);
  bool scorecard_subject(const sema::Scorecard& s, int64_t& score, uint32_t& grade, std::vector<int64_t>& items);
  bool group_member(const sema::Group& g, bool& member, std::vector<int64_t>& values, std::vector<fides_str>& texts);
  void report_error(uint32_t kind, uint32_t index, int64_t row);

  // ---- eval_expr.cpp: expressions
  bool eval(ExprId e, V& out);   // the value of e, of type program.types[e]
  bool used(ExprId e, V& out);   // the value where it is used: with program.conversions[e] applied
  bool convert(ExprId e, V& v);  // applies program.conversions[e] to v
  bool eval_name(ExprId e, V& out);
  bool eval_let(const sema::Let& let, uint32_t slot, std::vector<uint8_t>& state, std::vector<V>& values, V& out);
  bool eval_field(ExprId e, V& out);
  bool eval_index(ExprId e, V& out);
  bool eval_unary(ExprId e, V& out);
  bool eval_node(ExprId e, V& out);  // eval without the chain handling
  bool eval_binary(ExprId e, V& out);
  bool eval_coalesce(ExprId e, V& out);
  bool eval_arith(ExprId e, V& out);
  bool eval_compare(ExprId e, V& out);
  bool eval_membership(ExprId e, V& out);
  bool eval_template(ExprId e, V& out);
  bool eval_collection_literal(ExprId e, V& out);
  // A lookup in a set/map value: the position of `key` (of kind k), or -1.
  int64_t find_key(const V& coll, TypeKind k, const V& key) const;

  // ---- eval_call.cpp: calls
  bool eval_call(ExprId e, V& out);
  bool eval_builtin(ExprId e, sema::BuiltinId id, V& out);
  bool eval_def(ExprId e, uint32_t def, V& out);

  // ---- eval_aggregate.cpp: aggregates and bins
  bool eval_aggregate(ExprId e, V& out);  // with the plan's memo
  bool aggregate_rows(ExprId e, V& out);  // one evaluation, by the plan's access path
  bool eval_bins(ExprId e, V& out);
  // The elements of a list value: rows (or finding numbers) rows[0..n), or
  // 0..n when rows is null.
  void elements(const V& list, const int64_t*& rows, int64_t& n) const;

  // ---- values and printing (eval_print.cpp)
  // Appends v, of kind k, as output files print it; absent prints nothing.
  void print(const V& v, const sema::Type& t, std::string& out) const;
  bool text_in_arena(ExprId at, const std::string& s, V& out);
  static int compare(const V& a, const V& b, TypeKind k);  // <0, 0, >0
  static bool equal(const V& a, const V& b, TypeKind k);

  // ---- errors
  bool fail(ExprId at, int status);            // status from a built-in
  bool fail(ExprId at, const std::string& message);

  // ---- columns
  const fides_column& column(uint32_t record, uint32_t field) const;

  const lower::Plan& plan_;
  const sema::Program& p_;
  const ast::Module& m_;
  const SourcePositions& positions_;
  const fides_eval_ctx* ctx_;
  fides_arena arena_{};

  // The current subject.
  int64_t subject_ = -1;
  const std::vector<sema::Let>* local_lets_ = nullptr;
  std::vector<uint8_t> local_state_, global_state_;  // 0 not yet, 1 evaluating, 2 known
  std::vector<V> local_values_, global_values_;
  std::vector<std::pair<uint32_t, V>> bound_;         // aggregate variables: (aggregate ExprId, element)
  std::vector<std::pair<uint32_t, std::vector<V>>> frames_;  // def calls: (def, arguments)
  std::vector<std::vector<V>> literals_;              // set/map literal values, by slot
  V score_;
  // Subject-independent aggregates computed in this call (Plan::aggregates memo), by ExprId.
  std::unordered_map<uint32_t, V> memo_;
  // Values of chain nodes evaluated ahead of the node above them (eval()).
  std::unordered_map<uint32_t, V> chain_values_;
  // Peer-group aggregates (AggregatePlan::peer) computed in this call, by
  // ExprId, then by key: per key field, (present, value or 0 when absent).
  std::unordered_map<uint32_t, std::map<std::string, V>> peer_memo_;

  std::string error_;
  bool oom_ = false;
};

}  // namespace fides::interp
