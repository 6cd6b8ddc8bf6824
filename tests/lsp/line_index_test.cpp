// LSP positions (UTF-16 columns) against byte offsets.
#include <doctest/doctest.h>

#include <string>

#include "lsp/line_index.h"

using fides::lsp::LineIndex;
using fides::lsp::Position;

TEST_CASE("ASCII, Chinese and a character outside the BMP") {
  // "a医😀b": a (1 byte, 1 unit), 医 (3 bytes, 1 unit), 😀 (4 bytes, 2 units), b.
  std::string text = "a\xE5\x8C\xBB\xF0\x9F\x98\x80" "b\nx";
  LineIndex lines(text);
  CHECK(lines.position(0) == Position{0, 0});
  CHECK(lines.position(1) == Position{0, 1});
  CHECK(lines.position(4) == Position{0, 2});
  CHECK(lines.position(8) == Position{0, 4});
  CHECK(lines.position(9) == Position{0, 5});
  CHECK(lines.position(10) == Position{1, 0});
  CHECK(lines.offset({0, 2}) == 4);
  CHECK(lines.offset({0, 4}) == 8);
  CHECK(lines.offset({1, 1}) == 11);
  // Between the two halves of the surrogate pair: the character's start.
  CHECK(lines.offset({0, 3}) == 4);
  // Inside a UTF-8 sequence: its character's start.
  CHECK(lines.position(2) == Position{0, 1});
  CHECK(lines.position(6) == Position{0, 2});
}

TEST_CASE("line breaks: LF, CRLF and a lone CR all end a line") {
  std::string text = "ab\r\ncd\ref\ngh";
  LineIndex lines(text);
  CHECK(lines.position(4) == Position{1, 0});
  CHECK(lines.position(7) == Position{2, 0});
  CHECK(lines.position(10) == Position{3, 0});
  // The CR of a CRLF belongs to the break: a column past the line's end stops before it.
  CHECK(lines.offset({0, 99}) == 2);
  CHECK(lines.position(3) == Position{0, 2});
  CHECK(lines.offset({1, 99}) == 6);
}

TEST_CASE("positions outside the text are clamped") {
  std::string text = "one\ntwo";
  LineIndex lines(text);
  CHECK(lines.offset({7, 0}) == text.size());
  CHECK(lines.offset({1, 1000}) == text.size());
  CHECK(lines.position(1000) == Position{1, 3});
  LineIndex empty("");
  CHECK(empty.offset({0, 5}) == 0);
  CHECK(empty.position(3) == Position{0, 0});
}

TEST_CASE("bytes that are not UTF-8 count one unit each") {
  std::string text = "a\xFF\xE5\x8C" "b";  // a stray byte, then a cut-off sequence
  LineIndex lines(text);
  CHECK(lines.position(5) == Position{0, 5});
  CHECK(lines.offset({0, 2}) == 2);
}
