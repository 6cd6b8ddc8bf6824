// The built-in functions (runtime/builtins/*.c) as LLVM bitcode, embedded in
// the compiler at build time (see bitcode.cmake), and the two things the code
// generator does with them: declare one in a pack module with its exact C
// ABI, and link the ones a module uses into it so they can be inlined.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

namespace fides::codegen {

// The bitcode built from runtime/builtins/*.c when the compiler was built
// (an empty module while there are none).
llvm::MemoryBufferRef embedded_builtins_bitcode();

class BuiltinLibrary {
 public:
  // Parses `bitcode` (by default the embedded built-ins) in `context`.
  static llvm::Expected<std::unique_ptr<BuiltinLibrary>> load(
      llvm::LLVMContext& context, llvm::MemoryBufferRef bitcode = embedded_builtins_bitcode());

  // True when the library defines the external function `name`.
  bool has(llvm::StringRef name) const;

  // The external functions the library defines, in bitcode order.
  std::vector<std::string> function_names() const;

  // Declares built-in `name` in `module` with the function type, calling
  // convention and parameter/return attributes of its definition (so a C
  // function taking or returning a struct is called with clang's lowering of
  // it), or returns the declaration already there. Call it with
  // call_builtin(), which puts the same attributes on the call.
  llvm::Expected<llvm::Function*> declare(llvm::Module& module, llvm::StringRef name) const;

  // Links into `module` the definitions of the built-ins it declares, and
  // whatever they use (llvm::Linker with LinkOnlyNeeded). `module` must have
  // been configured for the pack target (configure_module). Linker messages
  // come back as the error text.
  llvm::Error link_into(llvm::Module& module) const;

 private:
  BuiltinLibrary(llvm::LLVMContext& context, llvm::MemoryBufferRef bitcode,
                 std::unique_ptr<llvm::Module> prototypes);

  llvm::LLVMContext& context_;
  llvm::MemoryBufferRef bitcode_;
  std::unique_ptr<llvm::Module> prototypes_;  // parsed once, for declare()
};

// A call of `callee` (from BuiltinLibrary::declare) with its ABI attributes.
llvm::CallInst* call_builtin(llvm::IRBuilderBase& builder, llvm::Function* callee,
                             llvm::ArrayRef<llvm::Value*> args, const llvm::Twine& name = "");

}  // namespace fides::codegen
