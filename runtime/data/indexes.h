// The indexes a pack's descriptor requests, built once per dataset:
// REVERSE_REF — for each row of the target record, the rows of `record`
// whose reference `field` points at it, in input order (absent optional
// references belong to no group); BY_FIELD — rows of `record` grouped by equal
// values of `field` (of the record reached through the index's path of
// non-optional references, or of `record` itself), groups ordered by value
// (bytewise for text) with each group's value, rows in input order,
// group_of_row[r] = -1 when the value is absent for row r.
#pragma once

#include "data/dataset.h"

namespace fides::data {

// Builds dataset.indexes over the input records (over_groups false: the
// loader, sizing dataset.indexes), or over the groups once they are formed
// (over_groups true). GROUP_ROWS indexes are filled by group formation.
// False with a message when an index request does not fit the descriptor
// (a malformed pack).
bool build_indexes(const fides_pack& pack, Dataset& dataset, bool over_groups, std::string& error,
                   unsigned threads = 1);

}  // namespace fides::data
