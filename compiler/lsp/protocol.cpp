#include "lsp/protocol.h"

#include "lsp/hover.h"

namespace fides::lsp {
namespace {

// CompletionItemKind and SymbolKind of LSP 3.17.
int completion_kind(SymbolKind k) {
  switch (k) {
    case SymbolKind::record:
    case SymbolKind::group: return 22;  // Struct
    case SymbolKind::field:
    case SymbolKind::finding_field: return 5;  // Field
    case SymbolKind::param: return 21;         // Constant
    case SymbolKind::table: return 12;         // Value
    case SymbolKind::def:
    case SymbolKind::builtin:
    case SymbolKind::aggregate: return 3;  // Function
    case SymbolKind::severity: return 20;  // EnumMember
    case SymbolKind::rule:
    case SymbolKind::scorecard:
    case SymbolKind::test: return 23;  // Event
    case SymbolKind::let:
    case SymbolKind::def_param:
    case SymbolKind::variable:
    case SymbolKind::score: return 6;  // Variable
  }
  return 1;
}
constexpr int kKeywordCompletion = 14, kTypeCompletion = 25;

int outline_kind(SymbolKind k) {
  switch (k) {
    case SymbolKind::record:
    case SymbolKind::group: return 23;  // Struct
    case SymbolKind::field: return 8;   // Field
    case SymbolKind::param: return 14;  // Constant
    case SymbolKind::table: return 19;  // Object
    case SymbolKind::def: return 12;    // Function
    case SymbolKind::rule: return 24;   // Event
    case SymbolKind::scorecard: return 5;  // Class
    case SymbolKind::test: return 2;       // Module
    default: return 13;                    // Variable
  }
}

json position_json(Position p) { return {{"line", p.line}, {"character", p.character}}; }

}  // namespace

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json Ranges::range(Span s) {
  if (!s.file.valid() || s.file.index >= a_.sources->size())
    return {{"start", position_json({})}, {"end", position_json({})}};
  auto it = lines_.find(s.file.index);
  if (it == lines_.end()) it = lines_.emplace(s.file.index, LineIndex(a_.sources->text(s.file))).first;
  return {{"start", position_json(it->second.position(s.begin))},
          {"end", position_json(it->second.position(std::max(s.begin, s.end)))}};
}

json Ranges::location(Span s) { return {{"uri", uri_of_(a_.sources->path(s.file))}, {"range", range(s)}}; }

json diagnostics_json(const FileDiagnostics& f, Ranges& ranges, Lang lang) {
  json out = json::array();
  for (const Diagnostic* d : f.diags) {
    std::string message = d->message.in(lang);
    if (!d->help.empty()) message += "\n" + std::string(help_label(lang)) + d->help.in(lang);
    json related = json::array();
    for (const DiagNote& n : d->notes) {
      if (n.span.file.valid())
        related.push_back({{"location", ranges.location(n.span)}, {"message", n.message.in(lang)}});
      else
        message += "\n" + std::string(note_label(lang)) + n.message.in(lang);
    }
    json j = {{"range", ranges.range(f.file.valid() && d->span.file == f.file ? d->span : Span{})},
              {"severity", d->level == DiagLevel::error ? 1 : 2},
              {"code", std::string(diag_code(d->kind))},
              {"source", "fides"},
              {"message", message}};
    if (!related.empty()) j["relatedInformation"] = std::move(related);
    out.push_back(std::move(j));
  }
  return out;
}

json hover_json(const std::string& markdown, json range) {
  return {{"contents", {{"kind", "markdown"}, {"value", markdown}}}, {"range", std::move(range)}};
}

json completion_items(const std::vector<Symbol>& symbols, Lang lang) {
  json items = json::array();
  for (const Symbol& s : symbols)
    items.push_back({{"label", s.name}, {"kind", completion_kind(s.kind)}, {"detail", symbol_line(s, lang)}});
  return items;
}

json completion_items(const std::vector<Completion>& completions, Lang lang) {
  json items = json::array();
  for (const Completion& c : completions) {
    json item = {{"label", c.label}};
    if (c.symbol) {
      item["kind"] = completion_kind(c.symbol->kind);
      item["detail"] = symbol_line(*c.symbol, lang);
    } else {
      item["kind"] = c.type_name ? kTypeCompletion : kKeywordCompletion;
    }
    items.push_back(std::move(item));
  }
  return items;
}

json document_symbols(const std::vector<OutlineItem>& items, Ranges& ranges) {
  json out = json::array();
  for (const OutlineItem& item : items) {
    const Symbol& s = item.declaration.symbol;
    // A name must not be empty; a test is shown by its name as written, quoted.
    std::string name = s.kind == SymbolKind::test ? "\"" + s.name + "\"" : s.name;
    std::string detail = !s.label.empty() ? s.label : s.type;
    // The selection must lie inside the range.
    Span whole = item.declaration.whole;
    bool inside = s.decl.file == whole.file && s.decl.begin >= whole.begin && s.decl.end <= whole.end;
    Span selection = inside ? s.decl : whole;
    json j = {{"name", name.empty() ? "?" : name},
              {"detail", detail},
              {"kind", outline_kind(s.kind)},
              {"range", ranges.range(whole)},
              {"selectionRange", ranges.range(selection)}};
    if (!item.children.empty()) j["children"] = document_symbols(item.children, ranges);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace fides::lsp
