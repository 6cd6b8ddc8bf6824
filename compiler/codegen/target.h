// The machine a pack is compiled for: x86-64 Linux, position-independent.
//
// The default CPU is `x86-64-v2` (SSE4.2, POPCNT, CMPXCHG16B: every x86-64
// processor since about 2009, Nehalem / Bulldozer / Jaguar), so a pack runs
// on any x86-64 machine of the last decade. `--cpu native` asks for the
// building machine's CPU and features instead.
#pragma once

#include <memory>
#include <string>

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

namespace fides::codegen {

inline constexpr const char* kPackTriple = "x86_64-unknown-linux-gnu";
inline constexpr const char* kDefaultCpu = "x86-64-v2";

struct PackTargetOptions {
  // An LLVM CPU name ("x86-64-v2", "skylake", …) or "native".
  std::string cpu = kDefaultCpu;
};

// The TargetMachine for packs: kPackTriple, the CPU of `options` (with the
// host's features for "native"), Reloc::PIC_, small code model, -O2 codegen.
// Initializes the X86 back end on first use. Fails for an unknown CPU name.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> create_target_machine(
    const PackTargetOptions& options = {});

// Sets the module's triple, data layout and PIC level for `machine`; call on a
// new module before generating code into it.
void configure_module(llvm::Module& module, const llvm::TargetMachine& machine);

// Stamps every function definition with the machine's target-cpu and
// target-features, replacing what the built-in bitcode carried, so the whole
// pack is compiled (and inlined) for one CPU.
void apply_target_attributes(llvm::Module& module, const llvm::TargetMachine& machine);

}  // namespace fides::codegen
