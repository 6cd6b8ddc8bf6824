#include "link/join_objects.h"

#include <memory>
#include <string>

#include "link/run_lld.h"
#include "link/temp_file.h"
#include "llvm/Support/MemoryBuffer.h"

namespace fides::link {

llvm::Expected<std::vector<char>> join_objects(const std::vector<std::vector<char>>& objects) {
  std::vector<std::unique_ptr<TempFile>> inputs;
  std::vector<std::string> args = {"-m", "elf_x86_64", "-r", "--build-id=none", "--color-diagnostics=never"};
  for (const std::vector<char>& object : objects) {
    inputs.push_back(std::make_unique<TempFile>());
    if (llvm::Error error = inputs.back()->create("fides-part", object)) return error;
    args.push_back(inputs.back()->path().str());
  }
  TempFile output;
  if (llvm::Error error = output.create("fides-joined")) return error;
  args.insert(args.end(), {"-o", output.path().str()});
  if (llvm::Error error = run_lld(args)) return error;
  auto joined = llvm::MemoryBuffer::getFile(output.path(), /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!joined) return make_error("cannot read the joined object " + output.path() + ": " + joined.getError().message());
  return std::vector<char>((*joined)->getBufferStart(), (*joined)->getBufferEnd());
}

}  // namespace fides::link
