// lay_out on token lists no successful parse gives: it must still keep every
// token, in order, and never read outside what it built.
#include <doctest/doctest.h>

#include "format/layout.h"

using fides::syntax::SourceToken;
using fides::syntax::TokenRole;

namespace {

// The tokens of `text` split at single spaces, with the given roles.
std::vector<SourceToken> tokens(std::string_view text, const std::vector<TokenRole>& roles) {
  std::vector<SourceToken> out;
  size_t begin = 0;
  for (TokenRole role : roles) {
    size_t end = text.find(' ', begin);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(SourceToken{static_cast<uint32_t>(begin), static_cast<uint32_t>(end), role});
    begin = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("braces and brackets that do not pair up keep their tokens") {
  std::string text = "} { ) ( ] x #c";
  auto list = tokens(text, {TokenRole::block_close, TokenRole::block_open, TokenRole::plain, TokenRole::plain,
                            TokenRole::plain, TokenRole::clause_start, TokenRole::comment});
  std::string out = fides::format::lay_out(text, list);
  CHECK(out == "} {) (]\n  x #c\n");
}

TEST_CASE("a file of nothing but a block's braces") {
  std::string text = "{ }";
  CHECK(fides::format::lay_out(text, tokens(text, {TokenRole::block_open, TokenRole::block_close})) == "{}\n");
}
