// Tables travel inside a pack as CSV text: the host parses the embedded text
// and a replacement file (`--table name=file`) the same way. The compiler
// writes that text from the checked values, so a pack's tables are in one
// canonical form whatever file or literal they came from.
#pragma once

#include <string>

#include "sema/program.h"

namespace fides::lower {

// A constant in `--param` literal syntax, which is also the CSV cell syntax:
// decimals keep all 6 places of precision (trailing zeros dropped).
std::string literal_of(const sema::Value& v);

// The header names: the declared columns of a `from` table; `value` (set) or
// `key` and `value` (map) for an inline one.
std::string table_key_column(const sema::Table& t);
std::string table_value_column(const sema::Table& t);

// Header row, then one row per element (set) or entry (map), in checked order.
std::string table_csv(const sema::Table& t);

}  // namespace fides::lower
