// The lowered form both back ends execute: the checked program plus what the
// pack's descriptor says about it, and the maps from the checked program's
// numbering to the ABI's (stored columns, index slots).
//
// Rules, scorecards, params and tables keep their checked-program indexes in
// the ABI: rule i of the program is rule i of the descriptor, and so on.
// Records too; only fields are renumbered, because `[R] via f` fields are not
// stored columns but index slots.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lower/pack_description.h"
#include "sema/program.h"

namespace fides::lower {

struct Plan {
  const sema::Program* program = nullptr;
  PackDescription description;
  // columns[r][f]: the ABI column of field f of record r, or -1 for a `via` field.
  std::vector<std::vector<int32_t>> columns;
  // via_indexes[r][f]: for a `via` field, its slot in description.indexes; else -1.
  std::vector<std::vector<int32_t>> via_indexes;

  int32_t column(sema::RecordId r, uint32_t field) const { return columns[r.index][field]; }
  int32_t via_index(sema::RecordId r, uint32_t field) const { return via_indexes[r.index][field]; }
};

struct LowerOptions {
  std::string compiler;  // "fides 0.1.0"
};

// `program` must have checked without errors. Source paths in the descriptor
// are relative to the folder of the pack's main file.
Plan lower(const sema::Program& program, const SourceManager& sources, const LowerOptions& options);

}  // namespace fides::lower
