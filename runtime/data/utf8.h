// UTF-8 checks for input rows and output cells: where a byte string stops
// being well-formed, how many code points precede a byte, and a repair that
// replaces each ill-formed byte with U+FFFD (used only for echoing a rejected
// row's text into rejects.csv, which must itself be UTF-8).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fides::data {

// Byte offset of the first byte that does not start a well-formed sequence
// (overlongs, surrogates and values above U+10FFFF are ill-formed), or npos.
size_t utf8_invalid_at(std::string_view s);

inline bool utf8_valid(std::string_view s) { return utf8_invalid_at(s) == std::string_view::npos; }

// Code points in s[0, byte_offset) (each ill-formed byte counts as one).
uint32_t utf8_code_points(std::string_view s, size_t byte_offset);

// s with every ill-formed byte replaced by U+FFFD.
std::string utf8_repair(std::string_view s);

}  // namespace fides::data
