#include "codegen/optimize.h"

#include <string>

#include "codegen/emit_descriptor.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/IR/PassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/OptimizationLevel.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/IPO/Internalize.h"

namespace fides::codegen {

namespace {

// CorrelatedValuePropagation and JumpThreading ask LazyValueInfo for value
// ranges along every path to a use; on a long chain of overflow checks (a
// rule summing thousands of terms: one branch per term) that is quadratic or
// worse in the number of blocks: a 1,000-term sum spent 20 s of its 23 s in
// CVP. Above this many blocks a function is optimised without them (every
// other O2 pass still runs), so build time stays near linear in its size.
constexpr size_t kMaxBlocksForRangePropagation = 1000;

bool skips_in_large_functions(llvm::StringRef pass) {
  return pass == "CorrelatedValuePropagationPass";
}

bool should_run(llvm::StringRef pass, const llvm::Any& ir) {
  if (!skips_in_large_functions(pass)) return true;
  const llvm::Function* const* f = llvm::any_cast<const llvm::Function*>(&ir);
  return f == nullptr || (*f)->size() <= kMaxBlocksForRangePropagation;
}

}  // namespace

void internalize_all_but_entry(llvm::Module& module) {
  llvm::internalizeModule(
      module, [](const llvm::GlobalValue& value) { return value.getName() == kEntrySymbol; });
}

llvm::Error optimize_module(llvm::Module& module, llvm::TargetMachine& machine) {
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(module, &os))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the generated LLVM module is invalid: " + problems);

  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PassInstrumentationCallbacks instrumentation;
  instrumentation.registerShouldRunOptionalPassCallback(should_run);
  llvm::PassBuilder builder(&machine, llvm::PipelineTuningOptions(), std::nullopt, &instrumentation);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);
  llvm::ModulePassManager pipeline =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
  pipeline.run(module, modules);
  return llvm::Error::success();
}

}  // namespace fides::codegen
