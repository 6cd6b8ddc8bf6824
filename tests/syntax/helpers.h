// Shared helpers of the syntax tests: parse a string, list diagnostics compactly.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "ast/ast.h"
#include "ast/printer.h"
#include "diag/diagnostic.h"

namespace fides::test {

struct Parsed {
  SourceManager sm;
  ast::Module module;
  Diagnostics diags;
  ast::File file;
};

std::unique_ptr<Parsed> parse(const std::string& text, const std::string& path = "t.fides");

// "E0020 3:5" per diagnostic, in sorted order.
std::vector<std::string> codes(const Diagnostics& diags, const SourceManager& sm);
// Every diagnostic rendered as text (for failure messages).
std::string rendered(const Diagnostics& diags, const SourceManager& sm);
// The AST dump without spans.
std::string dump(const Parsed& p);

}  // namespace fides::test

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string s = "{";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", \"" : "\"") + v[i] + "\"";
    return String((s + "}").c_str());
  }
};
}  // namespace doctest
