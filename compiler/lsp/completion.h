// What completion offers at a position: after `x.` or `x?.` the fields of
// x's type (the fields of a reference's target, of a finding); elsewhere the
// names in scope, the keywords and the type names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/symbol.h"

namespace fides::lsp {

// Whether the name being typed at `offset` (possibly empty) follows `.` or
// `?.`, and where that name starts.
struct CompletionSite {
  bool after_dot = false;
  uint32_t word_start = 0;
};
CompletionSite completion_site(std::string_view text, uint32_t offset);

// The fields offered at a field access whose name is at `offset` (of the
// type of what is before the dot); nullopt when the check has no field
// access there (the text did not parse).
std::optional<std::vector<Symbol>> member_completions(const Analysis& a, FileId file, uint32_t offset);

// A name typed in where the user has not typed one yet, so that `x.` parses
// as a field access.
inline constexpr std::string_view kPlaceholderName = "__fides_completion__";

struct Completion {
  std::string label;
  std::optional<Symbol> symbol;  // null for a keyword or a type name
  bool type_name = false;
};
// Everything offered away from a dot: the names in scope, then the keywords
// and the scalar type names.
std::vector<Completion> scope_completions(const Analysis& a, FileId file, uint32_t offset);

}  // namespace fides::lsp
