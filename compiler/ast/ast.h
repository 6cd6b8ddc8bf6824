// The abstract syntax of a Fides pack: every file of the pack in one store.
//
// Expressions live in one vector addressed by ExprId; their spans are a side
// table beside them (Module::expr_spans). Declarations are small structs in
// per-kind vectors, in source order (files in the order the import walk
// finishes them: a file's imports before the file itself). Nothing here knows
// about ANTLR, and nothing here is resolved or typed: that is sema's work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/id.h"
#include "support/source_manager.h"

namespace fides::ast {

using ExprId = Id<struct ExprTag>;

struct Ident {
  std::string text;
  Span span;
};

// A string literal as written in a clause (labels, column names, paths), decoded.
struct StrLit {
  std::string value;
  Span span;
};

enum class ExprKind : uint8_t {
#define EXPR_KIND(name) name,
#include "ast/expr_kinds.def"
#undef EXPR_KIND
};

enum class BinaryOp : uint8_t {
  add, sub, mul, div,
  eq, ne, lt, le, gt, ge,
  and_, or_,
  coalesce,  // ??
  in, not_in,
  like,
};

enum class UnaryOp : uint8_t { neg, not_ };

enum class DurationUnit : uint8_t { days, weeks, months, years };

enum class AggregateKind : uint8_t {
  count, exists, sum, min, max, avg, count_distinct, first, last,
  median, percentile, stddev,
};

// One expression node. Which members are meaningful depends on kind:
//   int_lit        int_value
//   decimal_lit    int_value = value * 10^6 (exact: at most 6 fractional digits)
//   string_lit     text (escapes decoded)
//   date_lit       int_value = days since 1970-01-01 (validated by the parser)
//   bool_lit       int_value = 0 or 1
//   template_      kids = parts, each a string_lit or an expression  ({{ and }} already decoded)
//   name           name
//   field          kids[0] = base; name = field name; flag = written `?.` (optional
//                  chaining, spec 9.4: absent when the base is absent)
//   index          kids[0] = map, kids[1] = key; flag = `!` (m[k]!)
//   unary          unary_op; kids[0]
//   binary         binary_op; kids[0], kids[1]
//   if_            kids = condition, then, else
//   call           name = function; kids = arguments
//   duration       duration_unit; kids[0] = the count (`15 days`)
//   aggregate      aggregate_kind; name = bound variable; kids[0] = collection,
//                  kids[1] = where (invalid when absent), kids[2] = value E of
//                  sum/min/max/avg/count(distinct E …) (invalid for count/exists/first/last),
//                  (and of median/percentile/stddev), kids[3] = order by of
//                  first/last (invalid when absent), kids[4] = the rank p of
//                  percentile (only percentile has kids[4])
//   bins           kids[0] = subject; then per band: bound, value; the last kid is the
//                  otherwise value; band_ops[i] is the comparison of band i
//   set_lit        kids = elements
//   map_lit        kids = key0, value0, key1, value1, …
struct Expr {
  ExprKind kind;
  union {
    BinaryOp binary_op;
    UnaryOp unary_op;
    DurationUnit duration_unit;
    AggregateKind aggregate_kind;
  };
  bool flag = false;
  int64_t int_value = 0;
  std::string name;
  Span name_span;  // of `name`, where it has its own span (field, call, aggregate variable)
  std::string text;
  std::vector<ExprId> kids;
  std::vector<BinaryOp> band_ops;

  explicit Expr(ExprKind k) : kind(k), binary_op(BinaryOp::add) {}
};

// A written type: `int`, `money?`, `Person`, `set<text>`, `map<text, money>`, `[Line]`.
struct TypeRef {
  enum class Kind : uint8_t { named, set, map, list };
  Kind kind = Kind::named;
  std::string name;  // named: `int`, `text`, …, or a record name; list: the element record
  bool optional = false;
  std::vector<TypeRef> args;  // set: 1, map: 2
  Span span;
};

struct PackHeader {
  StrLit name;
  StrLit version;
  Span span;
};

struct Import {
  StrLit path;
  Span span;
};

struct FieldDecl {
  Ident name;
  TypeRef type;
  std::optional<StrLit> column;  // input column name; the field name when absent
  std::optional<Ident> via;      // `[R] via f`
  std::optional<Span> personal;  // the `personal` keyword, when written
  Span span;
};

struct RecordDecl {
  Ident name;
  std::optional<StrLit> label;
  std::optional<StrLit> input_file;  // `from "MDTRT_D.csv"`
  Ident key;
  std::vector<FieldDecl> fields;
  Span span;
};

struct ParamDecl {
  Ident name;
  TypeRef type;
  ExprId default_value;
  ExprId range_low;   // `range lo to hi`: both invalid when there is no range
  ExprId range_high;
  std::optional<StrLit> label;
  Span span;
};

struct TableDecl {
  Ident name;
  TypeRef type;                 // set<T> or map<K, V>
  ExprId inline_value;          // `= {…}`; invalid for `from` tables
  std::optional<StrLit> from;   // path relative to the declaring file
  std::optional<StrLit> column; // set: `column "…"`
  std::optional<StrLit> key;    // map: `key "…"`
  std::optional<StrLit> value;  // map: `value "…"`
  Span span;
};

// `let x = e` at top level, in a rule, or in a scorecard.
struct LetDecl {
  Ident name;
  ExprId value;
  Span span;
};

struct DefParam {
  Ident name;
  TypeRef type;
};

struct DefDecl {
  Ident name;
  std::vector<DefParam> params;
  TypeRef result;
  ExprId body;
  Span span;
};

// `for x: R`
struct ForClause {
  Ident var;
  Ident record;
  Span span;
};

// `effective A to B by e`: at least one bound.
struct EffectiveClause {
  ExprId from;  // invalid when omitted
  ExprId to;    // invalid when omitted
  ExprId by;
  Span span;
};

struct RuleDecl {
  Ident id;
  std::optional<StrLit> title;
  std::optional<ForClause> for_;
  std::vector<LetDecl> lets;  // in source order
  ExprId when;
  ExprId amount;
  ExprId points;
  ExprId message;  // a template_ expression
  std::optional<StrLit> category;
  std::optional<Ident> severity;  // info | low | medium | high | critical
  std::optional<Ident> verdict;   // definite | suspicious
  std::optional<EffectiveClause> effective;
  Span span;
};

struct ScoreItem {
  StrLit label;
  ExprId value;
  ExprId limit_low;   // invalid without `limit`
  ExprId limit_high;
  Span span;
};

struct GradeBand {
  StrLit grade;
  ExprId condition;  // invalid for `otherwise`
  Span span;
};

struct ReasonsClause {
  int64_t count = 0;
  bool highest = false;
  Span span;
};

struct ScorecardDecl {
  Ident name;
  std::optional<StrLit> title;
  std::optional<ForClause> for_;
  std::vector<LetDecl> lets;
  ExprId base;
  std::vector<ScoreItem> items;
  std::vector<GradeBand> grades;  // empty when there is no grade clause
  Span grade_span;
  std::optional<ReasonsClause> reasons;
  Span span;
};

// `key name = e` of a group.
struct GroupKey {
  Ident name;
  ExprId value;
  Span span;
};

// `group Name "label" { for x: R  let …  key k = e …  where P }`
struct GroupDecl {
  Ident name;
  std::optional<StrLit> label;
  std::optional<ForClause> for_;
  std::vector<LetDecl> lets;  // in source order
  std::vector<GroupKey> keys;  // in source order
  ExprId where;                // invalid when absent
  Span span;
};

struct FieldInit {
  Ident field;
  ExprId value;
};

struct GivenClause {
  Ident record;
  std::vector<FieldInit> fields;
  Span span;
};

struct Expectation {
  enum class Kind : uint8_t { hit, no_hit, score, count, error };
  Kind kind = Kind::hit;
  Ident target;                 // rule id, or scorecard name
  std::optional<StrLit> key;    // `on "K"` / `of "K"`
  ExprId amount;                // hit: `amount X`, invalid when omitted
  ExprId count;                 // count: `== N`
  ExprId score;                 // score: `== N`, invalid when omitted
  std::optional<StrLit> grade;  // score: `grade "A"`
  Span span;
};

struct TestDecl {
  StrLit name;
  std::vector<GivenClause> givens;
  std::vector<Expectation> expects;
  Span span;
};

struct File {
  FileId id;
  std::optional<PackHeader> header;
  std::vector<Import> imports;
};

struct Module {
  std::vector<Expr> exprs;
  std::vector<Span> expr_spans;  // indexed by ExprId

  std::vector<File> files;  // in import-walk finishing order; the main file last
  std::vector<RecordDecl> records;
  std::vector<ParamDecl> params;
  std::vector<TableDecl> tables;
  std::vector<LetDecl> lets;
  std::vector<DefDecl> defs;
  std::vector<RuleDecl> rules;
  std::vector<ScorecardDecl> scorecards;
  std::vector<GroupDecl> groups;
  std::vector<TestDecl> tests;

  ExprId add(Expr e, Span span) {
    exprs.push_back(std::move(e));
    expr_spans.push_back(span);
    return ExprId(static_cast<uint32_t>(exprs.size() - 1));
  }
  const Expr& expr(ExprId id) const { return exprs[id.index]; }
  Expr& expr(ExprId id) { return exprs[id.index]; }
  Span span(ExprId id) const { return expr_spans[id.index]; }
};

}  // namespace fides::ast
