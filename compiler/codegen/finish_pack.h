// The back half of `fides build` up to the object file, in the order it must
// run once the descriptor and the eval functions are in the module:
//   link the built-ins the module declares → internalize all but the entry →
//   stamp target-cpu/features on every function → verify + O2 → ELF object.
#pragma once

#include <vector>

#include "codegen/builtins.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

namespace fides::codegen {

// `module` must have been configured with configure_module(machine) and
// hold FIDES_PACK_ENTRY (emit_descriptor). `builtins` may be null when the
// module calls none.
llvm::Expected<std::vector<char>> finish_pack(llvm::Module& module, llvm::TargetMachine& machine,
                                              const BuiltinLibrary* builtins);

}  // namespace fides::codegen
