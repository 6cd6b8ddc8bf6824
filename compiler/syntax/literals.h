// Pieces of lexing that need no parser: UTF-8 checking, and decoding the
// literal tokens (numbers, dates, strings) into values. Pure functions, so
// they are unit-tested on their own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/localized.h"

namespace fides::syntax {

// Byte offset of the first byte that does not start a valid UTF-8 sequence
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or
// std::string_view::npos when the whole text is valid.
size_t find_invalid_utf8(std::string_view text);

// Decodes the code point starting at text[i] of valid UTF-8 and advances i.
char32_t next_code_point(std::string_view text, size_t& i);
void append_utf8(std::string& out, char32_t cp);

// The integer value of a run of decimal digits, negated when `negative`, or
// nullopt when it overflows int64 (so 9223372036854775808 is valid only negated).
std::optional<int64_t> parse_int_literal(std::string_view digits, bool negative = false);

struct DecimalResult {
  int64_t scaled = 0;  // value * 10^6
  enum class Error : uint8_t { none, too_precise, out_of_range } error = Error::none;
};
// `123.45` (digits, '.', digits) → value * 10^6, exact.
DecimalResult parse_decimal_literal(std::string_view text);

// `YYYY-MM-DD` → days since 1970-01-01; on error, `error` says why ("month 13 does not exist").
std::optional<int64_t> parse_date_literal(std::string_view text, Localized& error);

// One decoded character of a string literal with where it was written.
struct DecodedChar {
  char32_t cp;
  uint32_t offset;  // byte offset (in the file) where its source text starts
  uint32_t end;     // byte offset just past its source text (past the whole escape)
  bool escaped;     // written as an escape sequence
};

struct StringEscapeError {
  uint32_t begin, end;  // file byte offsets of the bad escape
  std::string text;     // the escape as written
};

// Decodes the raw text of a STRING token (quotes included) that starts at
// file offset `base`. Bad escapes are reported in `errors` and left out.
// A message template's token may hold plainly quoted strings inside its `{…}`
// parts (the only way an unescaped `"` gets into a STRING token): those are
// kept as written, quotes and escapes included, for the template's expression
// to decode when it is parsed.
std::vector<DecodedChar> decode_string_literal(std::string_view raw, uint32_t base,
                                               std::vector<StringEscapeError>& errors);

}  // namespace fides::syntax
