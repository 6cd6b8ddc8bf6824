// A value of a descriptor type (fides_type) from a cell or literal, and back
// to text as output files print it (spec §8).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fides::data {

// Parses s as a value of `type` (any fides_type but TEXT and REF); nullptr on
// success, else the reject reason. Surrounding ASCII blanks are the caller's.
const char* parse_typed(uint32_t type, std::string_view s, int64_t& out);

// Prints a value of `type` (any fides_type but TEXT and REF).
std::string format_typed(uint32_t type, int64_t v);

// The language's name of a type ("money"), for messages.
const char* type_name(uint32_t type);

// s without leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view s);

}  // namespace fides::data
