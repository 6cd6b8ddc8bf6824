// Several ELF relocatable objects → one (`ld.lld -r`), with lld in process:
// for a pack whose functions were emitted at different code generation
// levels (compiler/codegen/emit_object.cpp).
#pragma once

#include <vector>

#include "llvm/Support/Error.h"

namespace fides::link {

// The objects' sections and symbols in one relocatable object, in the
// objects' order. Deterministic: the same objects give the same bytes.
llvm::Expected<std::vector<char>> join_objects(const std::vector<std::vector<char>>& objects);

}  // namespace fides::link
