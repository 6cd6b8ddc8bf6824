#include "codegen/emit_object.h"

#include <memory>

#include "link/join_objects.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

namespace fides::codegen {
namespace {

// optimize_module marks a function too large to optimise in linear time
// optnone. The back end honours that in instruction selection, but register
// allocation is chosen for a whole emission by the machine's level, and the
// greedy allocator grows quadratically on one function of tens of thousands
// of instructions (its live-range queries dominate). So such functions are
// emitted on their own at level None (fast, linear allocation) and the rest
// at the machine's level, and the two objects joined: one large scorecard
// must not leave every rule of the pack with unoptimised code (the standard
// library's rules ran 2x slower so).
bool is_huge(const llvm::GlobalValue* value) {
  const auto* f = llvm::dyn_cast<llvm::Function>(value);
  return f && !f->isDeclaration() && f->hasOptNone();
}

size_t huge_functions(const llvm::Module& module) {
  size_t n = 0;
  for (const llvm::Function& f : module) n += is_huge(&f);
  return n;
}

size_t defined_functions(const llvm::Module& module) {
  size_t n = 0;
  for (const llvm::Function& f : module) n += !f.isDeclaration();
  return n;
}

// Moves the huge functions of `module` to a module of their own. Each half
// calls and reads the other's definitions, so every local symbol becomes a
// hidden global one: linked into one pack, never exported from it.
std::unique_ptr<llvm::Module> split_off_huge(llvm::Module& module) {
  for (llvm::GlobalValue& value : module.global_values()) {
    if (!value.hasLocalLinkage()) continue;
    if (!value.hasName()) value.setName("fides.local");
    value.setLinkage(llvm::GlobalValue::ExternalLinkage);
    value.setVisibility(llvm::GlobalValue::HiddenVisibility);
  }
  llvm::ValueToValueMapTy map;
  std::unique_ptr<llvm::Module> huge = llvm::CloneModule(module, map, is_huge);
  for (llvm::Function& f : module)
    if (is_huge(&f)) {
      f.deleteBody();
      f.setVisibility(llvm::GlobalValue::HiddenVisibility);
    }
  return huge;
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

llvm::Expected<std::vector<char>> emit_at(llvm::Module& module, llvm::TargetMachine& machine,
                                          llvm::CodeGenOptLevel level) {
  llvm::SmallVector<char, 0> buffer;
  {
    CodeGenLevelScope scope(machine, level);
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
}  // namespace

llvm::Expected<std::vector<char>> emit_object(llvm::Module& module, llvm::TargetMachine& machine) {
  if (module.getDataLayout() != machine.createDataLayout())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the module's data layout does not match the target machine; "
                                   "call configure_module first");
  const size_t huge = huge_functions(module);
  if (huge == 0) return emit_at(module, machine, machine.getOptLevel());
  if (huge == defined_functions(module)) return emit_at(module, machine, llvm::CodeGenOptLevel::None);
  std::unique_ptr<llvm::Module> unoptimised = split_off_huge(module);
  auto rest = emit_at(module, machine, machine.getOptLevel());
  if (!rest) return rest.takeError();
  auto large = emit_at(*unoptimised, machine, llvm::CodeGenOptLevel::None);
  if (!large) return large.takeError();
  return link::join_objects({std::move(*rest), std::move(*large)});
}

}  // namespace fides::codegen
