// The text `fides diff` prints: the two packs, what each loaded, then each
// rule and scorecard that differs with up to kExamples examples of each kind
// of change, and a last line saying whether anything differs.
#pragma once

#include <cstddef>
#include <string>

#include "diff/compare.h"

namespace fides::diff {

constexpr size_t kExamples = 5;

std::string diff_text(const PackResults& old_pack, const PackResults& new_pack, const PackDiff& diff);

}  // namespace fides::diff
