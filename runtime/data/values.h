// Cell and literal parsing and value printing, by way of the C built-ins
// (runtime/builtins), so the host reads and prints exactly as packs and the
// interpreter do. This file is the only one on the scoring side that includes
// fides_builtins.h; everything else sees only these C++ signatures.
//
// Parsers take the whole string (nothing trimmed) and return nullptr on
// success, else the reason as written to rejects.csv ("bad number",
// "number out of range", "bad date", "bad boolean", "bad severity").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fides::data {

const char* parse_int_value(std::string_view s, int64_t& out);
const char* parse_decimal_value(std::string_view s, int64_t& out);  // × 10^6; money too
const char* parse_date_value(std::string_view s, int64_t& out);     // days since 1970-01-01
const char* parse_bool_value(std::string_view s, int64_t& out);
const char* parse_severity_value(std::string_view s, int64_t& out);  // info 0 … critical 4

std::string format_int_value(int64_t v);
std::string format_decimal_value(int64_t v);  // up to 6 decimals, trailing zeros removed
std::string format_money_value(int64_t v);    // exactly 2 decimals, half-up
std::string format_date_value(int64_t v);
std::string format_bool_value(int64_t v);
std::string format_severity_value(int64_t v);  // "" when out of range

}  // namespace fides::data
