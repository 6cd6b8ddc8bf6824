#include "codegen/emit_object.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Support/raw_ostream.h"

namespace fides::codegen {

llvm::Expected<std::vector<char>> emit_object(llvm::Module& module, llvm::TargetMachine& machine) {
  if (module.getDataLayout() != machine.createDataLayout())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the module's data layout does not match the target machine; "
                                   "call configure_module first");
  llvm::SmallVector<char, 0> buffer;
  {
    llvm::raw_svector_ostream os(buffer);
    // Code generation still runs on the legacy pass manager in LLVM 19.
    llvm::legacy::PassManager passes;
    if (machine.addPassesToEmitFile(passes, os, nullptr, llvm::CodeGenFileType::ObjectFile))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "the target machine cannot emit object files");
    passes.run(module);
  }
  return std::vector<char>(buffer.begin(), buffer.end());
}

}  // namespace fides::codegen
