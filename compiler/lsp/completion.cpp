#include "lsp/completion.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "sema/types.h"
#include "syntax/parse_file.h"

namespace fides::lsp {
namespace {

// Identifiers are letters, digits and `_`, any non-ASCII letter included;
// every byte of a multi-byte character counts as part of one.
bool name_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) || c == '_';
}

}  // namespace

CompletionSite completion_site(std::string_view text, uint32_t offset) {
  offset = std::min<uint32_t>(offset, text.size());
  uint32_t start = offset;
  while (start > 0 && name_byte(text[start - 1])) --start;
  return {start > 0 && text[start - 1] == '.', start};
}

std::optional<std::vector<Symbol>> member_completions(const Analysis& a, FileId file, uint32_t offset) {
  if (!a.program) return std::nullopt;
  const ast::Module& m = a.module;
  for (uint32_t i = 0; i < m.exprs.size(); ++i) {
    const ast::Expr& x = m.exprs[i];
    Span n = x.name_span;
    if (x.kind != ast::ExprKind::field || n.file != file || offset < n.begin || offset > n.end || x.kids.empty())
      continue;
    return field_symbols(a, a.program->type(x.kids[0]).non_optional());
  }
  return std::nullopt;
}

std::vector<Completion> scope_completions(const Analysis& a, FileId file, uint32_t offset) {
  std::vector<Completion> out;
  for (Symbol& s : symbols_in_scope(a, file, offset)) {
    std::string label = s.name;
    out.push_back({std::move(label), std::move(s), false});
  }
  std::set<std::string> keywords;
  for (std::string& k : syntax::keywords()) {
    keywords.insert(k);
    out.push_back({std::move(k), std::nullopt, false});
  }
  // `severity` is a keyword too.
  for (auto k = static_cast<uint8_t>(sema::TypeKind::bool_); k <= static_cast<uint8_t>(sema::TypeKind::severity); ++k)
    if (std::string type = sema::kind_name(static_cast<sema::TypeKind>(k)); !keywords.count(type))
      out.push_back({std::move(type), std::nullopt, true});
  return out;
}

}  // namespace fides::lsp
