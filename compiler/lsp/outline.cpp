#include "lsp/outline.h"

#include <algorithm>

namespace fides::lsp {
namespace {

bool top_level(const Symbol& s) {
  switch (s.kind) {
    case SymbolKind::record:
    case SymbolKind::group:
    case SymbolKind::param:
    case SymbolKind::table:
    case SymbolKind::def:
    case SymbolKind::rule:
    case SymbolKind::scorecard:
    case SymbolKind::test: return true;
    case SymbolKind::let: return s.owner.empty();
    default: return false;
  }
}

bool shown_inside(const Symbol& s) { return s.kind == SymbolKind::field || s.kind == SymbolKind::let; }

}  // namespace

std::vector<OutlineItem> outline(const Analysis& a, FileId file) {
  std::vector<OutlineItem> items;
  for (Declaration& d : declarations_in(a, file)) {
    if (top_level(d.symbol)) {
      items.push_back({std::move(d), {}});
    } else if (shown_inside(d.symbol) && !items.empty()) {
      const Span& parent = items.back().declaration.whole;
      if (d.whole.begin >= parent.begin && d.whole.end <= parent.end)
        items.back().children.push_back({std::move(d), {}});
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const OutlineItem& x, const OutlineItem& y) {
    return x.declaration.whole.begin < y.declaration.whole.begin;
  });
  return items;
}

}  // namespace fides::lsp
