// An x86-64 ELF object → a pack shared library, linked in process by lld.
//
// The output depends on the C library and libm only: no default libraries,
// no search paths but the system library folder where libc.so lives. When
// that folder is found the link uses --no-undefined against `-lc -lm`
// (--as-needed, so NEEDED lists only what is used); when it is not, libc
// symbols are left undefined for the loader to resolve. The output is
// deterministic (--build-id=none, no timestamps) and written atomically: a
// temporary file beside it is renamed over the output only after a
// successful link, so a failed build never leaves a half-written pack.
#pragma once

#include <string>
#include <vector>

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace fides::link {

struct LinkOptions {
  std::string soname;                     // empty: the output's file name
  bool strip = true;                      // --strip-all (.dynsym keeps the entry symbol)
  std::vector<std::string> library_dirs;  // where to look for libc.so; empty: the usual folders
  std::vector<std::string> extra_args;    // appended to lld's arguments (tests, experiments)
};

// Links the object file at `object_path` into the shared library `output_path`.
llvm::Error link_shared_library(llvm::StringRef object_path, llvm::StringRef output_path,
                                const LinkOptions& options = {});

// The same for an object in memory (written to a temporary file first; lld
// reads only files).
llvm::Error link_shared_library(llvm::ArrayRef<char> object, llvm::StringRef output_path,
                                const LinkOptions& options = {});

// The folder holding libc.so among `candidates` (or the usual x86-64 Linux
// library folders when empty), or "" when there is none.
std::string find_libc_dir(const std::vector<std::string>& candidates = {});

}  // namespace fides::link
