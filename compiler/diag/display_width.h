// Terminal column arithmetic for rendering carets under UTF-8 source lines,
// where a Chinese character takes two columns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fides {

// Decodes UTF-8; an invalid byte becomes U+FFFD.
std::u32string decode_utf8_lossy(std::string_view s);
// Terminal columns the text occupies (East Asian wide characters count 2, a tab 4).
size_t display_width(std::string_view s);
// Source text as a diagnostic shows it: a tab as 4 spaces, a control
// character as `\u{7}`, a byte that is not UTF-8 as `\x{ff}`, so that nothing
// of the source reaches the terminal raw (spec 9.11).
std::string printable_source(std::string_view s);
// The byte offset, within a line, of its 1-based code-point column.
uint32_t byte_offset_of_column(std::string_view line, uint32_t column);

}  // namespace fides
