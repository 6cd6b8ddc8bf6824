// The outline of a file (textDocument/documentSymbol): its declarations in
// source order, with a record's fields, a group's keys and the lets of a
// rule, scorecard or group as children.
#pragma once

#include <vector>

#include "lsp/symbol.h"

namespace fides::lsp {

struct OutlineItem {
  Declaration declaration;
  std::vector<OutlineItem> children;
};

std::vector<OutlineItem> outline(const Analysis& a, FileId file);

}  // namespace fides::lsp
