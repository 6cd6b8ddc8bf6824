#pragma once

#include <string_view>
#include <vector>

namespace fides::driver {

// `fides fmt [--check] FILE…`: rewrites each file in the canonical layout, or
// with --check writes nothing and names the files that would change. Exit 0
// when every file is (now) canonical, 1 when one would change (--check) or
// could not be formatted (read error, syntax error: left untouched), 2 usage.
int run_fmt(const std::vector<std::string_view>& args);

}  // namespace fides::driver
