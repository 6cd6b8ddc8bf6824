// The few lines a person reads after a scoring run: what was loaded and
// rejected, how many findings each rule produced and for how much, how the
// scores fell into grades, and how many subjects could not be evaluated.
// Printed from the run's Overview (overview.h), as run.json and `fides report` are.
#pragma once

#include <string>

#include "data/dataset.h"
#include "host/overview.h"

namespace fides::host {

// Subjects are shown as the overview holds them (overview_of masks them with --mask).
std::string run_summary_text(const fides_pack& pack, const data::Dataset& dataset, const Overview& overview,
                             const std::string& out_dir);

// The same in one line, for stderr when it is not a terminal:
// "done: 31 rows read, 17 rejected; 7 findings, 6 scores, 2 subjects not evaluated".
std::string run_summary_line(const data::Dataset& dataset, const Overview& overview);

}  // namespace fides::host
