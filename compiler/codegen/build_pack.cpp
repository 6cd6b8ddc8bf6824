#include "codegen/build_pack.h"

#include "codegen/builtins.h"
#include "codegen/codegen_context.h"
#include "codegen/emit_descriptor.h"
#include "codegen/emit_object.h"
#include "codegen/finish_pack.h"
#include "codegen/optimize.h"
#include "codegen/target.h"
#include "link/link_shared_library.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

namespace fides::codegen {
namespace {

std::string ir_text(const llvm::Module& module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os, nullptr);
  return text;
}

// Runs the whole pipeline; `stop_after_optimize` returns an empty object.
llvm::Expected<std::vector<char>> run(const lower::Plan& plan, const SourceManager& sources,
                                      const BuildOptions& options, bool stop_after_optimize) {
  auto machine = create_target_machine({options.cpu});
  if (!machine) return machine.takeError();
  llvm::LLVMContext context;
  auto builtins = BuiltinLibrary::load(context);
  if (!builtins) return builtins.takeError();
  llvm::Module module("pack", context);
  configure_module(module, **machine);

  llvm::Function* eval_rule = nullptr;
  llvm::Function* eval_scorecard = nullptr;
  llvm::Function* eval_group = nullptr;
  {
    PackCodegen codegen(plan, sources, module, **builtins);
    if (llvm::Error error = codegen.emit(eval_rule, eval_scorecard, eval_group)) return error;
  }
  auto entry = emit_descriptor(module, plan.description, eval_rule, eval_scorecard, eval_group);
  if (!entry) return entry.takeError();
  if (options.emit_unoptimized_ir_to) *options.emit_unoptimized_ir_to = ir_text(module);

  if (!options.emit_llvm_ir_to && !stop_after_optimize)
    return finish_pack(module, **machine, builtins->get());

  // finish_pack's steps, with the optimized IR printed before the object.
  if (llvm::Error error = (*builtins)->link_into(module)) return error;
  internalize_all_but_entry(module);
  apply_target_attributes(module, **machine);
  if (llvm::Error error = optimize_module(module, **machine)) return error;
  if (options.emit_llvm_ir_to) *options.emit_llvm_ir_to = ir_text(module);
  if (stop_after_optimize) return std::vector<char>();
  return emit_object(module, **machine);
}

}  // namespace

llvm::Expected<std::vector<char>> build_pack_object(const lower::Plan& plan, const SourceManager& sources,
                                                    const BuildOptions& options) {
  return run(plan, sources, options, false);
}

llvm::Error build_pack_library(const lower::Plan& plan, const SourceManager& sources,
                               const std::string& output_path, const BuildOptions& options) {
  auto object = build_pack_object(plan, sources, options);
  if (!object) return object.takeError();
  // Named by its content, not by where it is written, so that the same
  // sources give the same bytes whatever the output path.
  link::LinkOptions link_options;
  link_options.soname = "fides-pack-" + plan.description.hash.substr(0, 16) + ".so";
  return link::link_shared_library(*object, output_path, link_options);
}

llvm::Expected<std::string> build_pack_ir(const lower::Plan& plan, const SourceManager& sources,
                                          const BuildOptions& options) {
  std::string text;
  BuildOptions o = options;
  o.emit_llvm_ir_to = &text;
  auto object = run(plan, sources, o, true);
  if (!object) return object.takeError();
  return text;
}

}  // namespace fides::codegen
