// Text for an HTML (or SVG) page: escaping, and numbers with thousands
// separators that keep every digit they were given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fides::report {

// & < > " ' as entities; ill-formed UTF-8 repaired (U+FFFD).
std::string html_escape(std::string_view text);

// "1990499.70" → "1,990,499.70", "-12345" → "-12,345"; anything that is not
// a plain decimal number comes back unchanged.
std::string grouped_number(std::string_view number);
std::string grouped_count(int64_t n);

}  // namespace fides::report
