// What a name in a pack stands for, as the language server shows it: the
// kind of thing, its name and type, what it belongs to and where it is
// declared. Built from the checked program (sema's side tables), never by
// resolving names a second time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diag/localized.h"
#include "lsp/pack.h"

namespace fides::lsp {

enum class SymbolKind : uint8_t {
  record, group, field, finding_field, param, table, let, def, def_param, variable,
  rule, scorecard, test, builtin, aggregate, severity, score,
};

struct Symbol {
  SymbolKind kind = SymbolKind::record;
  std::string name;
  std::string label;  // a record's, rule's, … label or title as written; "" when none
  std::string type;   // as `fides check` prints types; a def's signature "(a: int): money"; "" when none
  Localized owner;    // what it belongs to ("FeeLine", "rule V01"); empty at the top level
  Span decl;          // its name where it is declared; invalid for built-ins, finding fields, severities
};

// The symbol a span of source names.
struct Occurrence {
  Symbol symbol;
  Span span;
};

// What the name at `offset` of `file` stands for: a name, field or call in
// an expression, a name in a declaration (a type, `for x: R`, `given R`, an
// expectation's rule), or a declaration's own name. nullopt when the
// position is on no name or the name did not resolve.
std::optional<Occurrence> symbol_at(const Analysis& a, FileId file, uint32_t offset);

// A declaration: its symbol (`decl` is its name) and the whole declaration.
struct Declaration {
  Symbol symbol;
  Span whole;
};
// The declarations of a file, each top-level one followed by those inside
// it (fields, group keys, lets, `for` subjects, def parameters).
std::vector<Declaration> declarations_in(const Analysis& a, FileId file);
// The symbols of a record's fields, in declaration order (a finding's for
// `finding`).
std::vector<Symbol> field_symbols(const Analysis& a, const sema::Type& of);
// Every name an expression at `offset` of `file` can use: the enclosing
// declaration's subject, lets and parameters, the variables of enclosing
// aggregates, then params, tables, global lets, defs, records and built-ins.
std::vector<Symbol> symbols_in_scope(const Analysis& a, FileId file, uint32_t offset);

}  // namespace fides::lsp
