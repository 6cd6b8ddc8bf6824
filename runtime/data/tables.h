// Reference tables: a table's CSV text (embedded in the pack, or a
// replacement file given with --table name=file) parsed into sorted,
// de-duplicated keys (bytewise for text, numeric otherwise), with each map
// value beside its key. A malformed table is an error naming file, line and
// column; nothing in a table is skipped.
#pragma once

#include <string>
#include <string_view>

#include "data/dataset.h"
#include "data/load_options.h"

namespace fides::data {

// Parses one table. `file` names it in errors. On failure returns false with
// "<file>:<line>:<column>: <what>" in error.
bool parse_table(const fides_table_desc& desc, std::string_view csv, const std::string& file,
                 TextArena& arena, TableStore& out, std::string& error);

// Fills dataset.tables (and table_sources) for every table of the pack,
// reading replacement files named in options.table_files (whose names the
// caller has already checked).
bool load_tables(const fides_pack& pack, const LoadOptions& options, Dataset& dataset,
                 LoadFailure& failure);

}  // namespace fides::data
