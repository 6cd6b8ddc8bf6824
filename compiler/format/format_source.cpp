#include "format/format_source.h"

#include <tuple>

#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "format/layout.h"
#include "syntax/parse_file.h"

namespace fides::format {
namespace {

struct Parsed {
  SourceManager sources;
  Diagnostics diags;
  std::vector<syntax::SourceToken> tokens;
  FileId file;
};

void parse(const std::string& path, std::string text, Parsed& out) {
  out.file = out.sources.add(path, std::move(text));
  ast::Module module;
  syntax::parse_file(out.file, out.sources, module, out.diags, &out.tokens);
}

// The laid-out file must hold the same code tokens with the same roles, and
// the same comments in the same order: the layout moved only the space
// between them (and a block's `{` to its header, ahead of a comment between
// the two).
std::vector<std::string_view> texts(const Parsed& p, bool comments) {
  std::vector<std::string_view> out;
  std::string_view text = p.sources.text(p.file);
  for (const syntax::SourceToken& t : p.tokens)
    if ((t.role == syntax::TokenRole::comment) == comments)
      out.push_back(comments ? comment_text(text.substr(t.begin, t.end - t.begin))
                             : text.substr(t.begin, t.end - t.begin));
  return out;
}

bool same_tokens(const Parsed& a, const Parsed& b) {
  auto code_roles = [](const Parsed& p) {
    std::vector<std::tuple<syntax::TokenRole, syntax::ItemKind, bool>> out;
    for (const syntax::SourceToken& t : p.tokens)
      if (t.role != syntax::TokenRole::comment) out.emplace_back(t.role, t.item, t.part);
    return out;
  };
  return texts(a, false) == texts(b, false) && texts(a, true) == texts(b, true) && code_roles(a) == code_roles(b);
}

}  // namespace

FormatOutcome format_source(const std::string& path, std::string text, Lang lang) {
  FormatOutcome outcome;
  Parsed before;
  parse(path, std::move(text), before);
  if (before.diags.has_errors()) {
    for (const Diagnostic& d : before.diags.sorted()) outcome.errors += render_text(d, before.sources, lang);
    return outcome;
  }
  std::string laid_out = lay_out(before.sources.text(before.file), before.tokens);
  Parsed after;
  parse(path, laid_out, after);
  if (after.diags.has_errors() || !same_tokens(before, after)) {
    outcome.layout_bug = true;
    outcome.errors = path + ": error: the canonical layout would change the file's tokens; it is left as it is "
                            "(a bug in fides fmt: please report it with the file)\n";
    return outcome;
  }
  outcome.text = std::move(laid_out);
  return outcome;
}

}  // namespace fides::format
