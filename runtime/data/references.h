// From staged rows to loaded records: keys (first of equal keys kept, later
// ones rejected as `duplicate key`), references resolved through key maps
// (a non-empty key that does not resolve is rejected, optional or not), and
// rejection propagated to a fixed point (spec §8: a row that refers to a
// rejected row is rejected too, across record types, cycles included). The
// surviving rows are compacted, in input order, into the dataset's columns
// with references as row indexes.
#pragma once

#include <vector>

#include "data/dataset.h"
#include "data/record_file.h"

namespace fides::data {

// Fills dataset.records, dataset.inputs' loaded/rejected counts and
// dataset.rejects from the staged rows of every record type (indexed by
// record; the input records only, which come before every group). `inputs`
// must already hold one entry per input record type; the stores of groups
// are left empty with one column vector per field, for the host to fill.
// Key maps and references are built on `threads` threads (0: every core).
void resolve_and_compact(const fides_pack& pack, std::vector<StagedRecord>& staged, Dataset& dataset,
                         unsigned threads);

}  // namespace fides::data
