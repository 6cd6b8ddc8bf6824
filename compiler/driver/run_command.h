#pragma once

#include <string_view>
#include <vector>

namespace fides::driver {

// `fides run MAIN.fides --data DIR --out DIR [--interpret] [--cpu NAME] [fides-score options]`:
// builds the pack into the cache (keyed by its content hash) unless
// --interpret, then scores as fides-score does. Exit status as fides-score's.
int run_run(const std::vector<std::string_view>& args);

}  // namespace fides::driver
