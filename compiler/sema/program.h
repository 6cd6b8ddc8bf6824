// The checked program: what semantic analysis hands to lowering.
//
// It points at the ast::Module it was checked from (expressions stay there)
// and adds
//   - side tables indexed by ExprId: the type of every expression, what every
//     name / field / call resolves to, and the implicit conversion applied to
//     an expression where it is used;
//   - one resolved entry per declaration (records, params, tables, lets,
//     defs, rules, scorecards, tests), in the order of the AST's vectors, so
//     index i of Program::rules is index i of Module::rules.
// Invariants when the Diagnostics given to check() have no errors: every
// expression reachable from a declaration has a non-error type and, where it
// is a name, field or call, a resolution; every optional value is used only
// where the spec allows it (present, ??, printing, `==`-free positions).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "sema/builtins.h"
#include "sema/types.h"

namespace fides::sema {

using ExprId = ast::ExprId;

// What a name, field access or call refers to. `index` and `sub` by kind:
enum class RefKind : uint8_t {
  none,           // not a name/field/call, or it did not resolve (poisoned)
  rule_let,       // index = rule, sub = let index in RuleDecl::lets
  scorecard_let,  // index = scorecard, sub = let index in ScorecardDecl::lets
  group_let,      // index = group (Program::groups), sub = let index in GroupDecl::lets
  global_let,     // index = global let
  param,          // index = param
  table,          // index = table
  def,            // a call of a def: index = def
  def_param,      // index = def, sub = parameter index
  for_var,        // the subject of a rule or scorecard: index = its record
  aggregate_var,  // the bound variable of an aggregate: index = ExprId of the aggregate
  record_rows,    // a record type name used as "all rows": index = record
  severity_lit,   // `high`: index = Severity ordinal
  score,          // `score` in a grade band: index = scorecard
  builtin,        // a call of a built-in: index = BuiltinId
  field,          // a record field: index = record, sub = field index
  finding_field,  // a field of a finding: index = FindingField
};

struct Resolution {
  RefKind kind = RefKind::none;
  uint32_t index = 0;
  uint32_t sub = 0;
};

// A name written in a declaration rather than in an expression, as sema
// resolved it: a record type (`: Person`, `[Line]`, `for x: R`, `given R`), a
// field (`key id`, `via person`, a field of a given row), the rule or
// scorecard an expectation names. Tools ask these what a position names
// (compiler/lsp); names inside expressions have `resolutions` instead.
struct NameUse {
  enum class Kind : uint8_t { record, field, rule, scorecard };
  Kind kind = Kind::record;
  uint32_t index = 0;  // the record, rule or scorecard
  uint32_t sub = 0;    // field: its index in the record
  Span span;
};

// The fields of a finding (spec 3.4), in this order. `verdict` is text
// ("definite" or "suspicious"), `rule`, `name`, `category`, `subject` text.
enum class FindingField : uint8_t { rule, name, category, severity, verdict, amount, points, subject };
inline constexpr const char* kFindingFieldNames[] = {"rule",    "name",   "category", "severity",
                                                     "verdict", "amount", "points",   "subject"};
Type finding_field_type(FindingField f);

// One field of a record.
struct Field {
  std::string name;
  Type type;           // scalar (maybe optional), record reference (maybe optional), or list [R]
  std::string column;  // input column name (the field name when not written)
  // list fields `[R] via f`: the source record R and f's field index in R;
  // a group's `rows`: its `for` record and kGroupRows
  RecordId via_record;
  uint32_t via_field = 0;
  // Its values identify a person (`fides-score --mask` hides them): a text
  // field written `personal`, or a group key that reads such a field. A
  // reference is personal when its target's key is (lower/ decides that).
  bool personal = false;
  Span span;
};

// Field::via_field of a group's `rows`: its members, not a reverse reference.
inline constexpr uint32_t kGroupRows = UINT32_MAX;

// A record type: one input table, or a group (spec 9.1) derived from the rows
// of another. A group's fields are its keys, in declaration order, then
// `rows`; all its keys together are its key.
struct Record {
  std::string name;
  std::string label;           // "" when not written
  std::string input_file;      // the CSV file it is read from: `from "…"`, else <name>.csv; a group: ""
  uint32_t key_field = 0;      // index into fields (a group: 0)
  std::vector<Field> fields;
  const ast::RecordDecl* decl = nullptr;  // null for a group
  int32_t group = -1;          // a group: its index in Program::groups
  bool is_group() const { return group >= 0; }
};

// A parameter, overridable at scoring time.
struct Param {
  std::string name;
  Type type;             // scalar, non-optional
  Value default_value;   // of type.kind (int converted to decimal/money when declared so)
  // `range lo to hi` (int, decimal, money, date params): inclusive, of type.kind.
  std::optional<Value> range_low;
  std::optional<Value> range_high;
  std::string label;
  const ast::ParamDecl* decl = nullptr;
};

// A reference table with its contents, embedded in the pack.
struct Table {
  std::string name;
  Type type;                   // set<T> or map<K, V>
  std::vector<Value> keys;     // set elements, or map keys (in file/literal order, duplicates dropped)
  std::vector<Value> values;   // map values, parallel to keys; empty for sets
  bool inline_ = false;        // `= {…}` rather than `from`
  std::string source_path;     // `from` file, resolved against the declaring file's folder
  std::string column;          // set: the column read; map: unused
  std::string key_column;      // map
  std::string value_column;    // map
  const ast::TableDecl* decl = nullptr;
};

// A `let` in a rule, scorecard or at top level.
struct Let {
  std::string name;
  ExprId value;
  Type type;  // the value's type as declared (before any narrowing at a use)
};

struct GlobalLet : Let {
  const ast::LetDecl* decl = nullptr;
};

struct DefParam {
  std::string name;
  Type type;
};

// A pure function.
struct Def {
  std::string name;
  std::vector<DefParam> params;
  Type result;
  ExprId body;
  bool uses_hits = false;  // calls hits(), directly or through other defs or lets
  const ast::DefDecl* decl = nullptr;
};

// `effective A to B by e`
struct Effective {
  ExprId from;  // invalid when omitted
  ExprId to;
  ExprId by;
};

// A supervision rule.
struct Rule {
  std::string id;
  std::string title;
  RecordId record;            // for x: R
  std::string var;            // x
  std::vector<Let> lets;      // in source order
  ExprId when;
  ExprId amount;              // invalid: 0; otherwise converted to money (see conversions)
  ExprId points;              // invalid: 0
  ExprId message;             // invalid: ""
  std::string category;
  Severity severity = Severity::medium;
  Verdict verdict = Verdict::suspicious;
  std::optional<Effective> effective;
  // Uses hits(): sees only findings of rules that do not (stratum 1 vs 0).
  bool uses_hits = false;
  int stratum() const { return uses_hits ? 1 : 0; }
  const ast::RuleDecl* decl = nullptr;
};

struct ScoreItem {
  std::string label;
  ExprId value;
  Type type;                        // int, decimal or money
  std::optional<Value> limit_low;   // both set or both empty; of score_type's kind
  std::optional<Value> limit_high;
};

struct Grade {
  std::string grade;
  ExprId condition;  // invalid for `otherwise` (always the last band)
};

// A credit-scoring formula.
struct Scorecard {
  std::string name;
  std::string title;
  RecordId record;
  std::string var;
  std::vector<Let> lets;
  ExprId base;                       // invalid: 0
  Type score_type;                   // int when base and every item are int, else decimal
  std::vector<ScoreItem> items;
  std::vector<Grade> grades;         // empty when there is no grade clause
  int64_t reasons = 0;               // 0 when there is no reasons clause
  bool reasons_highest = false;
  const ast::ScorecardDecl* decl = nullptr;
};

// `group G { for x: R  let …  key k = e …  where P }`: the rows of R that pass
// P and have every key present, one G row per distinct key combination.
struct Group {
  RecordId record;              // the group's own record type (fields = keys, then rows)
  RecordId source;              // R
  std::string var;              // x
  std::vector<Let> lets;        // in source order
  std::vector<ExprId> keys;     // key k is field k of `record`; an optional value drops the row
  ExprId where;                 // invalid when absent
  const ast::GroupDecl* decl = nullptr;
};

// One `given R { … }` row: a value per field of R (absent for omitted
// optional fields; reference fields hold the target's key; list fields absent).
struct Given {
  RecordId record;
  std::vector<Value> fields;
};

struct Expect {
  ast::Expectation::Kind kind;
  uint32_t target = 0;              // rule index (hit, no_hit) or scorecard index (score)
  std::optional<std::string> key;
  std::optional<Value> amount;      // money
  std::optional<Value> score;       // of the scorecard's score type
  std::optional<int64_t> count;     // count: the number of findings of the rule
  std::optional<std::string> grade;
  Span span;                        // the whole `expect …` clause
};

struct Test {
  std::string name;
  std::vector<Given> givens;
  std::vector<Expect> expects;
  Span span;                        // the whole `test` block
};

struct Program {
  const ast::Module* module = nullptr;

  // Side tables indexed by ExprId (sized like module->exprs).
  std::vector<Type> types;                       // after narrowing
  std::vector<Resolution> resolutions;
  std::vector<std::optional<Type>> conversions;  // set when the value is converted to this type where used
  std::vector<uint8_t> narrowed;                 // 1: an optional path read where present() proved it present
  std::vector<NameUse> name_uses;                // every declaration-side name that resolved, in checking order

  std::vector<Record> records;
  std::vector<Param> params;
  std::vector<Table> tables;
  std::vector<GlobalLet> lets;
  std::vector<Def> defs;
  std::vector<Rule> rules;
  std::vector<Scorecard> scorecards;
  std::vector<Group> groups;
  std::vector<Test> tests;

  // The let a rule_let, scorecard_let or group_let resolution names.
  const Let& local_let(const Resolution& r) const;
  const Type& type(ExprId e) const { return types[e.index]; }
  const Resolution& resolution(ExprId e) const { return resolutions[e.index]; }
  // The type an expression has where it is used (its conversion, else its type).
  Type used_type(ExprId e) const { return conversions[e.index] ? *conversions[e.index] : types[e.index]; }
  std::optional<RecordId> find_record(std::string_view name) const;
};

// "int", "money?", "Person", "[Line]", "set<text>", "map<text, money>", "finding"
std::string type_name(const Program& p, const Type& t);

}  // namespace fides::sema
