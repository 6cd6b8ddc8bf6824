// The reasons cell of scores.csv (spec §8): with `reasons N`, the N items
// with a negative value, most negative first; with `reasons N highest`, the N
// items with a positive value, largest first; ties in declaration order. The
// cell is `name:value` pairs joined by "; ", values printed like the score.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fides/pack_abi.h"

namespace fides::host {

std::string reasons_cell(const fides_scorecard_desc& card, const std::vector<int64_t>& items);

// A score or item value printed as int or decimal, per the scorecard.
std::string score_text(const fides_scorecard_desc& card, int64_t value);

}  // namespace fides::host
