// Object emission: an x86-64 ELF relocatable object, in memory.
#pragma once

#include <vector>

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

namespace fides::codegen {

// Emits `module` (configured for `machine`) as an ELF object. Deterministic:
// the same module and machine give the same bytes.
llvm::Expected<std::vector<char>> emit_object(llvm::Module& module, llvm::TargetMachine& machine);

}  // namespace fides::codegen
