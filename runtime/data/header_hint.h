// A header that does not match because the file was read in the wrong
// encoding (spec §9.7): a GBK file read as UTF-8 shows its Chinese column
// names as ill-formed bytes, and a UTF-8 file read as GBK as mojibake, so no
// schema column matches. Decoding the header line the other way tells.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "data/encoding.h"

namespace fides::data {

// The header cells (blank-trimmed) of `bytes`, the file as read from disk,
// when its first line is decoded with the encoding other than `used`; empty
// when that decoding is not clean.
std::vector<std::string> header_in_other_encoding(std::string_view bytes, Encoding used);

// "it would match when read as GBK (--encoding gbk)", for the encoding other than `used`.
std::string other_encoding_hint(Encoding used);

}  // namespace fides::data
