// Optimisation of a finished pack module: keep only the entry symbol
// external, then LLVM's standard -O2 pipeline (new pass manager).
#pragma once

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

namespace fides::codegen {

// Gives every defined global but FIDES_PACK_ENTRY internal linkage, so the
// pack exports one symbol and the optimiser may inline, specialise or drop
// the rest (unused built-ins disappear). Declarations (libc) stay external.
void internalize_all_but_entry(llvm::Module& module);

// Runs the default O2 module pipeline for `machine`. Verifies the module
// first: a broken module is a code generator bug, reported as an error with
// the verifier's text rather than a crash.
llvm::Error optimize_module(llvm::Module& module, llvm::TargetMachine& machine);

}  // namespace fides::codegen
