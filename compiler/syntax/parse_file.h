// Parsing one source file: text → AST declarations appended to a module.
// The only code that sees ANTLR lives behind this header.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "syntax/source_tokens.h"

namespace fides::syntax {

// Parses a file already registered in `sm`, appends its declarations to
// `module` and returns its File (imports as written, not yet followed).
// Never throws and never crashes, whatever the bytes: every problem becomes a
// diagnostic, and parsing recovers to report all syntax errors of the file.
// `tokens`, when given, receives every token of the file, comments included,
// in order, each with its role; a declaration that did not parse leaves its
// tokens plain.
ast::File parse_file(FileId file, const SourceManager& sm, ast::Module& module, Diagnostics& diags,
                     std::vector<SourceToken>* tokens = nullptr);

// Every keyword of the grammar as written, reserved (`and`, `if`, …) and
// contextual (`rule`, `for`, …), in the grammar's order.
std::vector<std::string> keywords();

}  // namespace fides::syntax
