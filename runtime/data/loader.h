// The loader: from a pack descriptor and its inputs to a Dataset ready for
// evaluation. It reads parameters, tables and one CSV per record type,
// rejects what does not fit (rejects.csv rows), resolves references to a
// fixed point, and builds the indexes the descriptor requests.
//
// Order of failure checks: malformed descriptor (1), usage mistakes in the
// options — unknown record, table or parameter, bad --param value (2) —,
// tables (1), record files and their headers (1). Nothing is read from a
// record file before parameters and tables are known good.
#pragma once

#include <memory>

#include "data/dataset.h"
#include "data/load_options.h"

namespace fides::data {

// Returns the dataset, or nullptr with `failure` filled.
std::unique_ptr<Dataset> load_dataset(const fides_pack& pack, const LoadOptions& options,
                                      LoadFailure& failure);

}  // namespace fides::data
