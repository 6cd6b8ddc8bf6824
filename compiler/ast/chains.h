// Operator chains (spec 9.11): `a + b + …`, `a * b * …`, `a and b and …` and
// `a or b or …` are left-deep trees of binary nodes, `a ?? b ?? …` a
// right-deep one, as deep as the source is long. A walker must not recurse
// along a chain: it handles the nodes below a chain's top first, deepest first
// (chain_below), so that its recursion into the chained operand of each node
// finds that operand already done, or it loops over the chain explicitly.
// Every other way down the tree passes a bracket or a prefix operator, whose
// nesting the parser caps (compiler/syntax/README.md).
#pragma once

#include <vector>

#include "ast/ast.h"

namespace fides::ast {

// The operand through which e's chain goes on: kids[0] of a left-associative
// operator (+ -, * /, and, or) whose left operand is an operator of the same
// level, kids[1] of a `??` whose right operand is a `??`; invalid otherwise.
ExprId chain_next(const Module& m, ExprId e);

// The nodes below e along its chain (chain_next, repeatedly), deepest first;
// empty when e continues no chain.
std::vector<ExprId> chain_below(const Module& m, ExprId e);

}  // namespace fides::ast
