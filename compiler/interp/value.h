// The interpreter's one value type: every expression evaluates to a V whose
// meaning is given by the expression's sema type (the checked program's side
// table), never by the V itself.
#pragma once

#include <cstdint>

#include "fides/pack_abi.h"

namespace fides::interp {

// What a list value ([R] or [finding]) iterates.
enum class ListKind : uint32_t {
  all_rows = 0,  // every row of record `b`
  via = 1,       // index slot `b`, group `i` (a row of the target record)
  hits = 2,      // findings attributed to row `i` of record `b`
};

// What a set/map value refers to.
enum class CollKind : uint32_t {
  table = 0,    // ctx->tables[b]
  literal = 1,  // the evaluation state's literal slot b
};

// Payload by type:
//   bool, int, decimal, money, date, severity: i
//   text: s
//   record: i = row; finding: i = finding number
//   duration: i = count, a = ast::DurationUnit
//   list: a = ListKind, b, i (see ListKind)
//   set, map: a = CollKind, b
// `present` is false only for an absent optional value.
struct V {
  int64_t i = 0;
  fides_str s{nullptr, 0};
  uint32_t a = 0;
  uint32_t b = 0;
  bool present = true;

  static V of(int64_t x) { V v; v.i = x; return v; }
  static V text(fides_str t) { V v; v.s = t; return v; }
  static V absent() { V v; v.present = false; return v; }
};

}  // namespace fides::interp
