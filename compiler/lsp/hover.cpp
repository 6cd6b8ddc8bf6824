#include "lsp/hover.h"

#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "diag/phrase.h"
#include "lsp/reference.h"

namespace fides::lsp {
namespace {

// The word a hover puts before a name; `score` needs none.
std::optional<Phrase> kind_phrase(SymbolKind k) {
  switch (k) {
    case SymbolKind::record: return Phrase::decl_record;
    case SymbolKind::group: return Phrase::decl_group;
    case SymbolKind::field:
    case SymbolKind::finding_field: return Phrase::decl_field;
    case SymbolKind::param: return Phrase::decl_param;
    case SymbolKind::table: return Phrase::decl_table;
    case SymbolKind::let: return Phrase::decl_let;
    case SymbolKind::def: return Phrase::decl_def;
    case SymbolKind::def_param: return Phrase::decl_def_parameter;
    case SymbolKind::variable: return Phrase::symbol_variable;
    case SymbolKind::rule: return Phrase::decl_rule;
    case SymbolKind::scorecard: return Phrase::decl_scorecard;
    case SymbolKind::test: return Phrase::decl_test;
    case SymbolKind::builtin: return Phrase::symbol_builtin;
    case SymbolKind::aggregate: return Phrase::symbol_aggregate;
    case SymbolKind::severity: return Phrase::symbol_severity;
    case SymbolKind::score: return std::nullopt;
  }
  return std::nullopt;
}

// A source line as a hover quotes it: without its indentation, at most
// kMaxQuoted bytes (cut at a character boundary).
std::string quoted_line(std::string_view line) {
  constexpr size_t kMaxQuoted = 160;
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  if (line.size() <= kMaxQuoted) return std::string(line);
  size_t cut = kMaxQuoted;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return std::string(line.substr(0, cut)) + " …";
}

// A fenced block that no backtick run inside the text can close.
std::string fenced(std::string_view text) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  return fence + "fides\n" + std::string(text) + "\n" + fence + "\n";
}

// A built-in function's overloads, one signature each: `substr(text, int): text`.
std::vector<std::string> builtin_signatures(const Symbol& s) {
  std::vector<std::string> out;
  std::string_view rest = s.type;
  while (!rest.empty()) {
    size_t eol = rest.find('\n');
    out.push_back(s.name + std::string(rest.substr(0, eol)));
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
  }
  return out;
}

}  // namespace

std::string symbol_line(const Symbol& s, Lang lang) {
  if (s.kind == SymbolKind::builtin) {
    std::string line = say(Phrase::symbol_builtin).in(lang) + " ";
    for (const std::string& signature : builtin_signatures(s)) line += signature + "; ";
    line.resize(line.size() - 2);
    return line;
  }
  std::optional<Phrase> kind = kind_phrase(s.kind);
  std::string line = kind ? say(*kind).in(lang) + " " : "";
  line += s.kind == SymbolKind::test ? "\"" + s.name + "\"" : s.name;
  if (!s.type.empty()) line += (s.kind == SymbolKind::def ? "" : ": ") + s.type;
  if (!s.label.empty()) line += " \"" + s.label + "\"";
  if (!s.owner.empty()) line += " (" + s.owner.in(lang) + ")";
  return line;
}

std::string hover_markdown(const Analysis& a, const Symbol& s, Lang lang, std::string_view reference) {
  std::string out;
  if (s.kind == SymbolKind::builtin) {
    std::string signatures;
    for (const std::string& signature : builtin_signatures(s)) signatures += signature + "\n";
    signatures.pop_back();
    out = fenced(signatures);
  } else {
    out = fenced(symbol_line(s, lang));
  }
  if (s.decl.file.valid() && a.sources && s.decl.file.index < a.sources->size()) {
    LineColumn at = a.sources->position(s.decl.file, s.decl.begin);
    std::string file = std::filesystem::path(a.sources->path(s.decl.file)).filename().string();
    out += fmt::format("\n`{}:{}`\n", file, at.line);
    out += fenced(quoted_line(a.sources->line_text(s.decl.file, at.line)));
  }
  if (s.kind == SymbolKind::builtin || s.kind == SymbolKind::aggregate) {
    std::string rows = reference_rows(reference, s.name);
    if (!rows.empty()) out += "\n" + rows;
  }
  return out;
}

}  // namespace fides::lsp
