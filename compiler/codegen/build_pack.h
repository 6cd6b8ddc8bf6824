// `fides build` after the front end: a lowered Plan → a pack.
//
//   create_target_machine → configure_module → BuiltinLibrary::load →
//   PackCodegen (eval_rule / eval_scorecard) → emit_descriptor →
//   finish_pack (link built-ins, internalize, O2, object) → link_shared_library
#pragma once

#include <string>
#include <vector>

#include "lower/plan.h"
#include "llvm/Support/Error.h"
#include "support/source_manager.h"

namespace fides::codegen {

struct BuildOptions {
  std::string cpu = "x86-64-v2";  // an LLVM CPU name, or "native"
  // When set, the optimized module's IR text is written here (--emit=llvm).
  std::string* emit_llvm_ir_to = nullptr;
  // When set, the IR text before optimization (debugging).
  std::string* emit_unoptimized_ir_to = nullptr;
};

// The pack as an x86-64 ELF relocatable object.
llvm::Expected<std::vector<char>> build_pack_object(const lower::Plan& plan, const SourceManager& sources,
                                                    const BuildOptions& options = {});

// The pack as a shared library at `output_path` (linked in process by lld).
llvm::Error build_pack_library(const lower::Plan& plan, const SourceManager& sources,
                               const std::string& output_path, const BuildOptions& options = {});

// The optimized LLVM IR of the pack as text, without emitting an object.
llvm::Expected<std::string> build_pack_ir(const lower::Plan& plan, const SourceManager& sources,
                                          const BuildOptions& options = {});

}  // namespace fides::codegen
