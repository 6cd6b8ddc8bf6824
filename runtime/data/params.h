// Parameter values: each param's default_literal, replaced by --param
// name=value overrides, parsed with the literal syntax of its type (spec §8;
// a text value is taken as written).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "data/load_options.h"

namespace fides::data {

// Fills dataset.params and dataset.param_texts. An unknown name, a name given
// twice, a value that does not parse or one outside the param's range is a
// usage failure (exit 2) whose message names the param, its type and range; a
// default or range bound that does not parse is a malformed pack (exit 1).
bool load_params(const fides_pack& pack,
                 const std::vector<std::pair<std::string, std::string>>& overrides,
                 Dataset& dataset, LoadFailure& failure);

}  // namespace fides::data
