#pragma once

#include <string_view>
#include <vector>

namespace fides::driver {

// `fides build MAIN.fides -o PACK.so [--cpu NAME|native] [--emit=llvm] [--stdlib DIR] [--sign NAME.key]`:
// exit 0 built, 1 source errors or a failed build, 2 usage. --sign also writes
// PACK.so.sig, a detached signature of the whole file (runtime/trust).
int run_build(const std::vector<std::string_view>& args);

}  // namespace fides::driver
