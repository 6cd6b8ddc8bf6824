#pragma once

#include <string_view>
#include <vector>

namespace fides::driver {

// `fides build MAIN.fides -o PACK.so [--cpu NAME|native] [--emit=llvm] [--stdlib DIR]`:
// exit 0 built, 1 source errors or a failed build, 2 usage.
int run_build(const std::vector<std::string_view>& args);

}  // namespace fides::driver
