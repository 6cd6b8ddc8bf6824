// Semantic analysis: from the AST of a whole pack to a checked program.
#pragma once

#include <memory>

#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "sema/program.h"

namespace fides::sema {

// Always returns a program; when `diags` has errors it is poisoned (error
// types where things did not check) and must not be lowered.
std::unique_ptr<Program> check(const ast::Module& module, const SourceManager& sm, Diagnostics& diags);

}  // namespace fides::sema
