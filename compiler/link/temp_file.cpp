#include "link/temp_file.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace fides::link {

llvm::Error make_error(const llvm::Twine& message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

TempFile::~TempFile() {
  if (!path_.empty()) llvm::sys::fs::remove(path_);
}

llvm::Error TempFile::create(llvm::StringRef prefix, llvm::ArrayRef<char> bytes) {
  int fd = -1;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(prefix, "o", fd, path_))
    return make_error("cannot create a temporary object file: " + ec.message());
  llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
  os.write(bytes.data(), bytes.size());
  os.close();
  if (os.has_error()) {
    std::error_code ec = os.error();
    os.clear_error();
    return make_error("cannot write the temporary object file " + path_ + ": " + ec.message());
  }
  return llvm::Error::success();
}

}  // namespace fides::link
