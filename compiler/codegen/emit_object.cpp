#include "codegen/emit_object.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Support/raw_ostream.h"

namespace fides::codegen {
namespace {

// optimize_module marks a function too large to optimise in linear time
// optnone. The back end honours that in instruction selection, but register
// allocation is chosen for the whole module by the machine's level, and the
// greedy allocator grows quadratically on one function of tens of thousands
// of instructions (its live-range queries dominate). So a module holding such
// a function is emitted at level None: fast, linear allocation for every
// function. The IR of the others was already optimised at O2.
bool has_optnone_function(const llvm::Module& module) {
  for (const llvm::Function& f : module)
    if (!f.isDeclaration() && f.hasOptNone()) return true;
  return false;
}

// Sets the machine's code generation level for one emission and restores it.
class CodeGenLevelScope {
 public:
  CodeGenLevelScope(llvm::TargetMachine& machine, llvm::CodeGenOptLevel level)
      : machine_(machine), saved_(machine.getOptLevel()) {
    machine_.setOptLevel(level);
  }
  ~CodeGenLevelScope() { machine_.setOptLevel(saved_); }
  CodeGenLevelScope(const CodeGenLevelScope&) = delete;
  CodeGenLevelScope& operator=(const CodeGenLevelScope&) = delete;

 private:
  llvm::TargetMachine& machine_;
  llvm::CodeGenOptLevel saved_;
};
}  // namespace

llvm::Expected<std::vector<char>> emit_object(llvm::Module& module, llvm::TargetMachine& machine) {
  if (module.getDataLayout() != machine.createDataLayout())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the module's data layout does not match the target machine; "
                                   "call configure_module first");
  llvm::SmallVector<char, 0> buffer;
  {
    CodeGenLevelScope level(machine, has_optnone_function(module) ? llvm::CodeGenOptLevel::None
                                                                   : machine.getOptLevel());
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
