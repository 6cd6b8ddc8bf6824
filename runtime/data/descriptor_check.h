// Structural checks of a pack descriptor before anything trusts its indexes:
// every record/field/target index in range, types known, keys present. A
// descriptor that fails is a malformed pack (exit 1), never a crash.
#pragma once

#include <string>

#include "fides/pack_abi.h"

namespace fides::data {

// True when the descriptor is well formed; else false with the first problem.
bool check_descriptor(const fides_pack& pack, std::string& error);

}  // namespace fides::data
