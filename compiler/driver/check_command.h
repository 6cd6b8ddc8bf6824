#pragma once

#include <string_view>
#include <vector>

namespace fides::driver {

// `fides check`: exit 0 when every pack is clean, 1 on errors, 2 on usage errors.
int run_check(const std::vector<std::string_view>& args);

}  // namespace fides::driver
