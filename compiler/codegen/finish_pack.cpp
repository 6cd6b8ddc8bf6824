#include "codegen/finish_pack.h"

#include "codegen/emit_descriptor.h"
#include "codegen/emit_object.h"
#include "codegen/optimize.h"
#include "codegen/target.h"

namespace fides::codegen {

llvm::Expected<std::vector<char>> finish_pack(llvm::Module& module, llvm::TargetMachine& machine,
                                              const BuiltinLibrary* builtins) {
  if (!module.getFunction(kEntrySymbol))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        llvm::Twine("the module has no ") + kEntrySymbol + "; call emit_descriptor first");
  if (builtins)
    if (llvm::Error error = builtins->link_into(module)) return error;
  internalize_all_but_entry(module);
  apply_target_attributes(module, machine);
  if (llvm::Error error = optimize_module(module, machine)) return error;
  return emit_object(module, machine);
}

}  // namespace fides::codegen
