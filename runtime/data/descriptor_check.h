// Structural checks of a pack descriptor before anything trusts its indexes:
// every record/field/target index in range, types known, keys present. A
// descriptor that fails is a malformed pack (exit 1), never a crash.
#pragma once

#include <string>

#include "fides/pack_abi.h"

namespace fides::data {

// True when the descriptor is well formed; else false with the first problem.
// Groups must come after every input record.
bool check_descriptor(const fides_pack& pack, std::string& error);

// The number of input records (those read from files): the records before
// the first group.
uint32_t input_record_count(const fides_pack& pack);

}  // namespace fides::data
