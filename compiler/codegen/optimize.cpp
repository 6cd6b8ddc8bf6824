#include "codegen/optimize.h"

#include <string>

#include "codegen/emit_descriptor.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/Analysis/LoopInfo.h"
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

// Even without them, O2 and the back end stay superlinear on a function
// holding one chain of thousands of terms: InstCombine and ValueTracking
// compare one value against each of thousands of dominating conditions, and
// the greedy register allocator clears the kill flags of one value used by
// every term. A function above this many instructions (a chain of about 1,200
// `+` terms; the largest function of the example packs has about 2,300) is
// compiled unoptimised, so its build time is linear in its size; it runs
// slower, which a pack that large accepts.
constexpr size_t kMaxInstructionsOptimised = 10000;

bool skips_in_large_functions(llvm::StringRef pass) {
  return pass == "CorrelatedValuePropagationPass";
}

// The function a function or loop pass is about to run on, else null.
const llvm::Function* function_of(const llvm::Any& ir) {
  if (const llvm::Function* const* f = llvm::any_cast<const llvm::Function*>(&ir)) return *f;
  if (const llvm::Loop* const* loop = llvm::any_cast<const llvm::Loop*>(&ir))
    return (*loop)->getHeader()->getParent();
  return nullptr;
}

// Our own instrumentation replaces LLVM's standard one, so it also does what
// that one's OptNoneInstrumentation does: no optional pass on an optnone
// function.
bool should_run(llvm::StringRef pass, const llvm::Any& ir) {
  const llvm::Function* f = function_of(ir);
  if (f == nullptr) return true;
  if (f->hasOptNone()) return false;
  return !skips_in_large_functions(pass) || f->size() <= kMaxBlocksForRangePropagation;
}

size_t instruction_count(const llvm::Function& function) {
  size_t count = 0;
  for (const llvm::BasicBlock& block : function) count += block.size();
  return count;
}

// Marks functions above kMaxInstructionsOptimised optnone (with noinline, which
// optnone requires): the O2 pipeline skips them, the back end selects their
// instructions with FastISel, and emit_object allocates registers with the
// fast, linear allocator in a module that holds one.
void compile_huge_functions_cheaply(llvm::Module& module) {
  for (llvm::Function& function : module) {
    if (function.isDeclaration() || instruction_count(function) <= kMaxInstructionsOptimised)
      continue;
    function.removeFnAttr(llvm::Attribute::AlwaysInline);
    function.removeFnAttr(llvm::Attribute::InlineHint);
    function.addFnAttr(llvm::Attribute::NoInline);
    function.addFnAttr(llvm::Attribute::OptimizeNone);
  }
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

  compile_huge_functions_cheaply(module);
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
