#pragma once

#include <string_view>
#include <vector>

namespace fides::driver {

// `fides test MAIN.fides [--cpu NAME] [--stdlib DIR]`: builds the pack natively,
// runs every `test` block on it and on the interpreter, requires both to agree,
// prints each failed expectation and the rules and scorecards no test covers.
// Exit 0 when every test passes, 1 otherwise (or on source errors), 2 usage.
int run_test(const std::vector<std::string_view>& args);

}  // namespace fides::driver
