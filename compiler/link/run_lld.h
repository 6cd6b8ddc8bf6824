// lld's ELF driver, run in this process.
#pragma once

#include <string>
#include <vector>

#include "llvm/Support/Error.h"

namespace fides::link {

// Runs `ld.lld <args>` in process. lld keeps global state, so calls are
// serialised by a mutex and lld's context is torn down after each run
// (lld::lldMain); a run that ends in lld's fatal() is recovered from through
// llvm::CrashRecoveryContext (enabled on first use). Everything lld prints,
// warnings included, comes back: as the error text on failure, otherwise in
// `*messages` when given. Never prints and never exits the process.
llvm::Error run_lld(const std::vector<std::string>& args, std::string* messages = nullptr);

}  // namespace fides::link
