// A deterministic, indented text dump of an AST module (`--emit=ast`, golden
// tests): every declaration and every expression, literals decoded.
#pragma once

#include <string>

#include "ast/ast.h"

namespace fides::ast {

struct PrintOptions {
  // When set, every declaration and expression line ends with its span as
  // ` @line:col-line:col` (columns in code points).
  const SourceManager* sources = nullptr;
  // When set with `sources`, the `file` lines name each file's path.
  bool file_paths = true;
};

// The operator as written in source ("+", "not in", "??").
const char* binary_op_text(BinaryOp op);

std::string print_module(const Module& module, const PrintOptions& options = {});
// One expression (and its children), starting at the given indentation level.
std::string print_expr(const Module& module, ExprId id, const PrintOptions& options = {}, int indent = 0);

}  // namespace fides::ast
