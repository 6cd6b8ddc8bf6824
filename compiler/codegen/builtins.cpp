#include "codegen/builtins.h"

#include <cstddef>
#include <string>

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/raw_ostream.h"

// Generated from builtins.bc by embed_file.cmake.
extern const unsigned char fides_builtins_bitcode[];
extern const std::size_t fides_builtins_bitcode_size;

namespace fides::codegen {
namespace {

llvm::Error make_error(const llvm::Twine& message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

// Collects the context's diagnostics (LLVM's Linker reports through them)
// while alive, then restores the previous handler.
class DiagnosticCapture {
 public:
  explicit DiagnosticCapture(llvm::LLVMContext& context)
      : context_(context),
        previous_(context.getDiagnosticHandlerCallBack()),
        previous_context_(context.getDiagnosticContext()) {
    context.setDiagnosticHandlerCallBack(&DiagnosticCapture::handle, this);
  }
  ~DiagnosticCapture() { context_.setDiagnosticHandlerCallBack(previous_, previous_context_); }
  const std::string& text() const { return text_; }

 private:
  static void handle(const llvm::DiagnosticInfo* info, void* self) {
    auto* capture = static_cast<DiagnosticCapture*>(self);
    llvm::raw_string_ostream os(capture->text_);
    llvm::DiagnosticPrinterRawOStream printer(os);
    if (!capture->text_.empty()) os << "\n";
    os << llvm::LLVMContext::getDiagnosticMessagePrefix(info->getSeverity()) << ": ";
    info->print(printer);
  }

  llvm::LLVMContext& context_;
  llvm::DiagnosticHandler::DiagnosticHandlerTy previous_;
  void* previous_context_;
  std::string text_;
};

}  // namespace

llvm::MemoryBufferRef embedded_builtins_bitcode() {
  return llvm::MemoryBufferRef(
      llvm::StringRef(reinterpret_cast<const char*>(fides_builtins_bitcode),
                      fides_builtins_bitcode_size),
      "builtins.bc");
}

BuiltinLibrary::BuiltinLibrary(llvm::LLVMContext& context, llvm::MemoryBufferRef bitcode,
                               std::unique_ptr<llvm::Module> prototypes)
    : context_(context), bitcode_(bitcode), prototypes_(std::move(prototypes)) {}

llvm::Expected<std::unique_ptr<BuiltinLibrary>> BuiltinLibrary::load(
    llvm::LLVMContext& context, llvm::MemoryBufferRef bitcode) {
  llvm::Expected<std::unique_ptr<llvm::Module>> module = llvm::parseBitcodeFile(bitcode, context);
  if (!module)
    return make_error("cannot read the built-ins bitcode " + bitcode.getBufferIdentifier() + ": " +
                      llvm::toString(module.takeError()));
  return std::unique_ptr<BuiltinLibrary>(new BuiltinLibrary(context, bitcode, std::move(*module)));
}

bool BuiltinLibrary::has(llvm::StringRef name) const {
  const llvm::Function* f = prototypes_->getFunction(name);
  return f && !f->isDeclaration() && !f->hasLocalLinkage();
}

std::vector<std::string> BuiltinLibrary::function_names() const {
  std::vector<std::string> names;
  for (const llvm::Function& f : *prototypes_)
    if (!f.isDeclaration() && !f.hasLocalLinkage()) names.push_back(f.getName().str());
  return names;
}

llvm::Expected<llvm::Function*> BuiltinLibrary::declare(llvm::Module& module,
                                                        llvm::StringRef name) const {
  if (!has(name)) return make_error("unknown built-in function '" + name + "'");
  const llvm::Function* definition = prototypes_->getFunction(name);
  if (llvm::Function* existing = module.getFunction(name)) {
    if (existing->getFunctionType() != definition->getFunctionType())
      return make_error("built-in function '" + name +
                        "' is already declared with a different type");
    return existing;
  }
  llvm::Function* f = llvm::Function::Create(definition->getFunctionType(),
                                             llvm::GlobalValue::ExternalLinkage, name, module);
  f->setCallingConv(definition->getCallingConv());
  // Keep only what describes the call ABI (sret, byval, zeroext, …) and the
  // memory effects; drop function attributes such as target-cpu.
  llvm::AttributeList attributes = definition->getAttributes();
  llvm::AttributeList copy;
  for (unsigned i = 0; i < f->arg_size(); ++i)
    copy = copy.addParamAttributes(
        module.getContext(), i,
        llvm::AttrBuilder(module.getContext(), attributes.getParamAttrs(i)));
  copy = copy.addRetAttributes(module.getContext(),
                               llvm::AttrBuilder(module.getContext(), attributes.getRetAttrs()));
  f->setAttributes(copy);
  if (definition->doesNotThrow()) f->setDoesNotThrow();
  return f;
}

llvm::Error BuiltinLibrary::link_into(llvm::Module& module) const {
  if (&module.getContext() != &context_)
    return make_error("the built-ins were loaded in another LLVMContext");
  llvm::Expected<std::unique_ptr<llvm::Module>> fresh = llvm::parseBitcodeFile(bitcode_, context_);
  if (!fresh)
    return make_error("cannot read the built-ins bitcode: " + llvm::toString(fresh.takeError()));
  // Same target as the pack, so the linker does not warn about a mismatch.
  (*fresh)->setTargetTriple(module.getTargetTriple());
  (*fresh)->setDataLayout(module.getDataLayout());
  DiagnosticCapture capture(context_);
  if (llvm::Linker::linkModules(module, std::move(*fresh), llvm::Linker::Flags::LinkOnlyNeeded))
    return make_error("cannot link the built-ins into the pack: " + capture.text());
  return llvm::Error::success();
}

llvm::CallInst* call_builtin(llvm::IRBuilderBase& builder, llvm::Function* callee,
                             llvm::ArrayRef<llvm::Value*> args, const llvm::Twine& name) {
  llvm::CallInst* call = builder.CreateCall(callee, args, name);
  call->setCallingConv(callee->getCallingConv());
  call->setAttributes(callee->getAttributes());
  return call;
}

}  // namespace fides::codegen
