// Temporary files for lld, which reads and writes only files.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"

namespace fides::link {

// A file in the system's temporary folder, removed when this goes.
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();
  // Creates the file empty (`bytes` empty) or holding `bytes`.
  llvm::Error create(llvm::StringRef prefix, llvm::ArrayRef<char> bytes = {});
  llvm::StringRef path() const { return path_; }

 private:
  llvm::SmallString<256> path_;
};

llvm::Error make_error(const llvm::Twine& message);

}  // namespace fides::link
