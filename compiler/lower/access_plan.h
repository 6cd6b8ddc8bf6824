// Access plans for aggregates: fills Plan::aggregates and adds the BY_FIELD
// index requests they need to the descriptor (compiler/lower/README.md).
#pragma once

#include "lower/plan.h"

namespace fides::lower {

// Plans every checked aggregate of `program`. With enabled false (or the
// environment variable FIDES_SCAN_ONLY set to anything but 0), every
// aggregate scans and none is memoised.
void plan_aggregates(const sema::Program& program, Plan& plan, bool enabled);

}  // namespace fides::lower
