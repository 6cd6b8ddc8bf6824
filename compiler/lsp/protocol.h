// The language server's answers as LSP 3.17 JSON: ranges, locations,
// diagnostics, hovers, completion items and document symbols.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "lsp/completion.h"
#include "lsp/outline.h"
#include "lsp/symbol.h"
#include "lsp/workspace.h"

namespace fides::lsp {

using json = nlohmann::json;

// JSON text as sent: invalid UTF-8 (a file on disk may hold some) becomes U+FFFD.
std::string dump(const json& j);

// Turns spans of one check into LSP ranges and locations, indexing each
// file's lines once.
class Ranges {
 public:
  // `uri_of` names a file of the check by its path.
  Ranges(const Analysis& a, std::function<std::string(const std::string&)> uri_of)
      : a_(a), uri_of_(std::move(uri_of)) {}
  json range(Span s);
  json location(Span s);

 private:
  const Analysis& a_;
  std::function<std::string(const std::string&)> uri_of_;
  std::map<uint32_t, LineIndex> lines_;  // by FileId
};

// The `diagnostics` of textDocument/publishDiagnostics for one file: range,
// severity, code (E0xxx), source "fides", the message with its help line in
// `lang`, and notes as related information (a note without a place is
// appended to the message).
json diagnostics_json(const FileDiagnostics& f, Ranges& ranges, Lang lang);

json hover_json(const std::string& markdown, json range);
json completion_items(const std::vector<Symbol>& symbols, Lang lang);
json completion_items(const std::vector<Completion>& completions, Lang lang);
json document_symbols(const std::vector<OutlineItem>& items, Ranges& ranges);

}  // namespace fides::lsp
