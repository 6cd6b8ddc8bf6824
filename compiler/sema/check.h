// Semantic analysis: from the AST of a whole pack to a checked program.
#pragma once

#include <memory>

#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "sema/program.h"
#include "support/file_access.h"

namespace fides::sema {

// Always returns a program; when `diags` has errors it is poisoned (error
// types where things did not check) and must not be lowered.
// `from` tables are read only from the folders `access` allows (spec 9.11).
std::unique_ptr<Program> check(const ast::Module& module, const SourceManager& sm, Diagnostics& diags,
                               const FileAccess& access);
// The same, allowing tables only from the main file's folder.
std::unique_ptr<Program> check(const ast::Module& module, const SourceManager& sm, Diagnostics& diags);

}  // namespace fides::sema
