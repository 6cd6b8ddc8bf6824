// Internal to sema: the state of one check() run, shared by the files that
// check declarations (check.cpp, records.cpp, tables.cpp, rules.cpp,
// tests_decl.cpp) and expressions (expr.cpp). Not part of sema's interface.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "sema/program.h"
#include "support/file_access.h"

namespace fides::sema::detail {

// How many levels defs and global lets may use one another (spec 9.11's
// nesting limit, applied to call chains).
inline constexpr uint32_t kMaxDefinitionDepth = 256;

// A name bound inside an expression's scope: a for-variable, a def
// parameter, an aggregate's variable, `score`.
struct Binding {
  std::string name;
  Resolution res;
  Type type;
};

// What surrounds the expression being checked.
struct Ctx {
  enum class Owner : uint8_t { none, global_let, def, rule, scorecard, group, test } owner = Owner::none;
  uint32_t index = 0;                                // of the owner in its vector
  uint32_t visible_global_lets = UINT32_MAX;         // global lets [0, n) may be used
  const std::vector<ast::LetDecl>* local_lets = nullptr;  // rule/scorecard lets (AST)
  const std::vector<Let>* checked_lets = nullptr;          // …and their checked types
  std::vector<Binding> bindings;                     // innermost last
  std::vector<std::string> facts;                    // path keys proven present (narrowing)
  bool quiet_unknown = false;                        // a missing `for`: unknown names poison silently
  bool uses_hits = false;                            // a hits() call was seen
  std::vector<std::pair<uint32_t, Span>> deps;       // dependency-graph nodes referenced (global lets, defs), where
};

class Checker {
 public:
  Checker(const ast::Module& m, const SourceManager& sm, Diagnostics& d, Program& p, const FileAccess& access)
      : m_(m), sm_(sm), diags_(d), p_(p), access_(access) {}
  void run();

  // ---- declarations (check.cpp, records.cpp, tables.cpp, rules.cpp, tests_decl.cpp)
  void collect_records();
  void check_input_files();
  void check_record_fields();
  void check_personal_reference(const ast::FieldDecl& fd, const Field& f);
  void check_params();
  void check_param_range(const ast::ParamDecl& d, Param& p);
  void check_tables();
  void load_table_file(Table& t, const ast::TableDecl& d);
  void load_inline_table(Table& t, const ast::TableDecl& d);
  void check_value_namespace();
  void check_def_signatures();
  void check_global_lets();
  void check_def_bodies();
  void check_dependency_cycles();
  void check_rules();
  void check_rule(uint32_t i);
  void check_groups();
  void check_group(uint32_t i);
  void check_groups_hits_free();
  void check_scorecards();
  void check_scorecard(uint32_t i);
  void check_tests();
  // (record, key as printed) of a test's given rows → span of the given.
  using GivenKeys = std::map<std::pair<uint32_t, std::string>, Span>;
  void check_subject_given(const Rule& rule, const ast::StrLit& key, const GivenKeys& keys);

  // ---- expressions (expr.cpp)
  Type check(ExprId e, Ctx& c);
  // Checks e and requires a value usable where `want` is expected (null safety,
  // widening); records a conversion when one applies. `what` names the place
  // in messages ("the 'when' condition").
  Type check_as(ExprId e, Ctx& c, const Type& want, const Localized& what);
  // Requires a checked expression not to be optional; reports and returns
  // false otherwise (verb: "compared", "computed with", …).
  // `field`: e is used to reach this field, so `?.` is offered too.
  bool require_present(ExprId e, const Localized& verb, const std::string& field = "");
  // Whether `from` can be used where `to` is expected, ignoring optionality.
  static bool assignable(const Type& from, const Type& to);
  void note_conversion(ExprId e, const Type& to);
  std::optional<std::string> path_key(ExprId e) const;
  void truthy_facts(ExprId e, std::vector<std::string>& out) const;
  void falsy_facts(ExprId e, std::vector<std::string>& out) const;
  void collect_facts(ExprId e, bool truthy, std::vector<std::string>& out) const;
  // Facts of each `and` (truthy) / `or` (falsy) node checked so far, so that
  // a chain's facts are collected once, not once per node.
  std::unordered_map<uint32_t, std::vector<std::string>> logic_facts_;
  // Types of chain nodes checked ahead of the node above them (check()).
  std::unordered_map<uint32_t, Type> chain_types_;

  // ---- helpers
  Type resolve_type_ref(const ast::TypeRef& t);  // reports unknown types; error type then
  std::string tn(const Type& t) const { return type_name(p_, t); }
  std::string text_of(Span s) const;
  std::string text_of(ExprId e) const { return text_of(m_.span(e)); }
  // A literal constant (int, decimal, text, date, bool, severity name, -n) of kind k.
  bool constant(ExprId e, TypeKind k, Value& out) const;
  Localized describe(ExprId e) const;  // "an int", "an expression", … for messages
  Span count_span(Span clause) const;
  // Whether a diagnostic of kind k was already reported inside `within` (the
  // parser checks some structure too; sema must not say it twice).
  bool already_reported(DiagKind k, Span within) const;
  void duplicate(Phrase what, const std::string& name, Span here, Span first);
  void note_use(NameUse::Kind kind, uint32_t index, uint32_t sub, Span at) {
    p_.name_uses.push_back({kind, index, sub, at});
  }
  Diagnostic& unknown(DiagKind k, Span s, const std::string& name, const std::vector<std::string>& candidates,
                      const std::string& extra_arg = "");
  uint32_t let_node(uint32_t global_let) const { return global_let; }
  uint32_t def_node(uint32_t def) const { return static_cast<uint32_t>(m_.lets.size()) + def; }

  const ast::Module& m_;
  const SourceManager& sm_;
  Diagnostics& diags_;
  Program& p_;
  const FileAccess& access_;  // where `from` tables may be read

  std::unordered_map<std::string, uint32_t> record_by_name_;
  std::unordered_map<std::string, uint32_t> param_by_name_, table_by_name_, let_by_name_, def_by_name_;
  std::unordered_map<std::string, uint32_t> rule_by_name_, scorecard_by_name_;
  std::vector<std::vector<std::pair<uint32_t, Span>>> graph_;  // dependency edges among global lets and defs, with the use
  std::vector<uint8_t> node_uses_hits_;
  std::vector<std::vector<std::pair<uint32_t, Span>>> group_deps_;  // per group: dependency-graph nodes it uses
  // By ExprId, for field accesses in an optional chain (`a?.f.g`): kChainOnly
  // when the value is optional only because the chain may have stopped (so a
  // plain `.` may go on), kChainOptional when the field itself is optional too.
  static constexpr uint8_t kChainOnly = 1, kChainOptional = 2;
  std::vector<uint8_t> chain_;
  bool check_chain_step(ExprId e, const Type& base);

 private:
  Type check_name(ExprId e, Ctx& c);
  Type check_field(ExprId e, Ctx& c);
  Type check_index(ExprId e, Ctx& c);
  Type check_unary(ExprId e, Ctx& c);
  Type check_node(ExprId e, Ctx& c);
  Type check_binary(ExprId e, Ctx& c);
  Type check_coalesce_chain(ExprId e, Ctx& c);
  Type coalesce_type(ExprId e, Type a, Type b);
  Type check_arith(ExprId e, ast::BinaryOp op, Type a, Type b);
  Type check_compare(ExprId e, ast::BinaryOp op, Type a, Type b);
  Type check_if(ExprId e, Ctx& c);
  Type check_call(ExprId e, Ctx& c);
  Type check_builtin_call(ExprId e, Ctx& c, const std::vector<Type>& args);
  Type check_aggregate(ExprId e, Ctx& c);
  Type check_bins(ExprId e, Ctx& c);
  Type check_collection_literal(ExprId e, Ctx& c);
  Type check_template(ExprId e, Ctx& c);
  // Common type of two branch/band values, or nullopt when they do not agree.
  std::optional<Type> unify(const Type& a, const Type& b) const;
  bool apply_narrowing(ExprId e, Type& t, const Ctx& c);
};

// Binds `for x: R` into c (an error-typed binding when R is unknown, so uses
// of x do not cascade); a missing `for` makes unknown names quiet.
void bind_for(Checker& k, Ctx& c, const std::optional<ast::ForClause>& f, Phrase what, const ast::Ident& owner,
              RecordId& record, std::string& var);
// Checks the lets of a rule, scorecard or group in source order.
void check_lets(Checker& k, Ctx& c, const std::vector<ast::LetDecl>& lets, std::vector<Let>& out,
                const std::string& for_var, const std::optional<ast::ForClause>& f);

// "did you mean 'x'?", or empty when no candidate is close.
inline Localized did_you_mean(const std::string& wrong, const std::vector<std::string>& candidates) {
  std::string best = closest_name(wrong, candidates);
  return best.empty() ? Localized() : say(Phrase::help_did_you_mean, best);
}

}  // namespace fides::sema::detail
