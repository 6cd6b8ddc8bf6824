// The lowered form both back ends execute: the checked program plus what the
// pack's descriptor says about it, and the maps from the checked program's
// numbering to the ABI's (stored columns, index slots).
//
// Rules, scorecards, params and tables keep their checked-program indexes in
// the ABI: rule i of the program is rule i of the descriptor, and so on.
// Records too; only fields are renumbered, because `[R] via f` fields are not
// stored columns but index slots.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lower/pack_description.h"
#include "sema/program.h"

namespace fides::lower {

// How one aggregate reaches its rows, and whether its value is remembered
// (compiler/lower/README.md, "Access plans"). Both back ends read it, so they
// iterate the same rows in the same order and memoise the same aggregates.
struct AggregatePlan {
  bool aggregate = false;  // this ExprId is an aggregate that checked

  // Equality index: the collection is a record name R and `where` has a
  // conjunct `x.f == E` (or `E == x.f`, or `x.r1.….rk.f == E` through
  // non-optional references r1 … rk, ABI columns in `path`) that may be
  // answered by BY_FIELD index `index` over column `column` of `record` (R, or
  // the record the path reaches). Then only the group whose value equals
  // `key` is iterated (rows in input order), and per row only `residual` —
  // the other conjuncts of `where`, in their order — is evaluated, with `and`'s
  // short-circuit. -1: iterate the collection as written, evaluating `where`.
  int32_t index = -1;
  uint32_t record = 0;
  int32_t column = -1;
  std::vector<uint32_t> path;
  sema::TypeKind key_kind = sema::TypeKind::error;  // the column's kind: text bytewise, else int64
  ast::ExprId key;         // E, evaluated once per aggregate with its conversion (`used`)
  ast::ExprId conjunct;    // the `x.f == E` the group lookup answers
  std::vector<ast::ExprId> residual;

  // Subject-independent: neither the collection, `where`, the value nor the
  // order key depends on the subject, `score`, an enclosing aggregate's
  // variable or a def parameter (through lets and defs too), and the result is
  // not text. Computed once per eval call and remembered; an evaluation error
  // is not remembered (the next subject computes it again and gets the same
  // error).
  bool memo = false;

  // Peer group: the aggregate depends on the subject only through these
  // stored, non-text scalar or reference fields of the subject's record (read
  // at the subject's row), and on nothing else per subject (no `score`, no
  // bare subject, no enclosing aggregate variable, no def parameter); the
  // result is not text. Computed once per distinct key within an eval call
  // and remembered under the key: per field, (present, value as int64 or the
  // text's bytes; 0 or "" when absent) — an absent optional field is its own
  // key. An error is not remembered. Empty when `memo` is set or the aggregate
  // depends on more.
  struct PeerKey {
    uint32_t record = 0;  // the subject's record
    uint32_t field = 0;   // checked field number
    int32_t column = -1;  // its ABI column
    bool optional = false;
    bool text = false;    // compared by content (the column's fides_str cells outlive the call)
  };
  std::vector<PeerKey> peer;

  // Row cache (row_cache_plan.h): the number of the fides_row_cache slot
  // that keeps each element's `where` and value across eval calls on one
  // history, or -1. Only for a memo or an indexed peer aggregate over a
  // record's rows whose elements depend on nothing an added row can change
  // without reaching the element.
  int32_t row_cache = -1;
};

// At most this many subject fields key a peer-group memo (more: no memo).
inline constexpr size_t kMaxPeerKeys = 3;

struct Plan {
  const sema::Program* program = nullptr;
  PackDescription description;
  // columns[r][f]: the ABI column of field f of record r, or -1 for a `via` field.
  std::vector<std::vector<int32_t>> columns;
  // via_indexes[r][f]: for a `via` field, its slot in description.indexes; else -1.
  std::vector<std::vector<int32_t>> via_indexes;

  // aggregates[e.index]: the access plan of aggregate e (sized like the module's exprs).
  std::vector<AggregatePlan> aggregates;

  int32_t column(sema::RecordId r, uint32_t field) const { return columns[r.index][field]; }
  int32_t via_index(sema::RecordId r, uint32_t field) const { return via_indexes[r.index][field]; }
  // The access plan of aggregate e; a default one (scan, no memo) when e is out of range.
  const AggregatePlan& aggregate(ast::ExprId e) const {
    static const AggregatePlan none;
    return e.index < aggregates.size() ? aggregates[e.index] : none;
  }
};

// One line per planned aggregate ("#id kind(x in C): …"), for tests and
// `--dump-plan`-style debugging.
std::string describe_access_plans(const Plan& plan);

struct LowerOptions {
  std::string compiler;  // "fides 0.1.0"
  std::string stdlib_dir = {};  // files under it are named relative to it in the descriptor
  // Plan equality indexes and memos for aggregates. false: every aggregate
  // scans its collection per subject (the reference behaviour; the
  // environment variable FIDES_SCAN_ONLY=1 forces it too, for A/B timing).
  bool access_plans = true;
};

// `program` must have checked without errors. Source paths in the descriptor
// (and so in the content hash) are relative to the folder of the pack's main
// file, or for standard-library files to `options.stdlib_dir`, both taken
// canonically: the same sources give the same hash wherever they are checked
// out and however their paths were written.
Plan lower(const sema::Program& program, const SourceManager& sources, const LowerOptions& options);

}  // namespace fides::lower
