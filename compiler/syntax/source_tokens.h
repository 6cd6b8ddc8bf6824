// Every token of a source file, comments included, with what the grammar says
// about each: where declarations and clauses start, which braces enclose
// clauses and which a literal, which `(` calls a function, which `-` is a
// prefix. `fides fmt` lays a file out from this and nothing else, so the
// formatter needs no parser of its own (see compiler/format/README.md).
#pragma once

#include <cstdint>

namespace fides::syntax {

enum class TokenRole : uint8_t {
  plain,
  comment,            // `# …` up to the end of its line
  declaration_start,  // first token of a top-level declaration
  clause_start,       // first token of a field, clause, grade band or test clause
  block_open,         // `{` around a declaration's or a `grade`'s clauses
  block_close,
  collection_open,    // `{` of a set or map literal
  collection_close,
  group_open,         // `{` of a `given`'s fields or of the bands of `bins`
  group_close,
  call_open,          // `(` right after the name of a function, `def` or aggregate
  index_open,         // `[` of `m[k]`
  prefix_minus,       // unary `-`
  type_open,          // `<` of `set<…>` and `map<…>`
  type_close,
  suffix_mark,        // `?` after a type, `!` after an index
};

// What a declaration or clause is, on its first token: neighbouring lines of
// the same kind line up their parts.
enum class ItemKind : uint8_t {
  none,
  field,          // `name: type "column"`
  reverse_field,  // `name: [R] via f`
  param,
  table,
  score_item,     // `item "label" = e limit lo to hi`
  group_key,      // `key k = e` of a group
  other,
};

struct SourceToken {
  uint32_t begin = 0;  // byte offsets in the file, [begin, end)
  uint32_t end = 0;
  TokenRole role = TokenRole::plain;
  ItemKind item = ItemKind::none;
  // Starts a part of its item that lines up with the same part of the
  // neighbouring items of its kind (a field's type, a param's `=`, …).
  bool part = false;
};

}  // namespace fides::syntax
