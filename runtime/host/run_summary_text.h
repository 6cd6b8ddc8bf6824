// The few lines a person reads after a scoring run: what was loaded and
// rejected, how many findings each rule produced and for how much, how the
// scores fell into grades, and how many subjects could not be evaluated.
#pragma once

#include <string>

#include "data/dataset.h"
#include "host/evaluate.h"
#include "host/masking.h"

namespace fides::host {

// Subjects are shown as `masking` says (--mask: pseudonyms for personal keys and names).
std::string run_summary_text(const fides_pack& pack, const data::Dataset& dataset, const Results& results,
                             const std::string& out_dir, const Masking& masking = {});

// The same in one line, for stderr when it is not a terminal:
// "done: 31 rows read, 17 rejected; 7 findings, 6 scores, 2 subjects not evaluated".
std::string run_summary_line(const fides_pack& pack, const data::Dataset& dataset, const Results& results);

}  // namespace fides::host
