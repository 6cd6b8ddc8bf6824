// What the parse tree of one declaration says about its tokens, for `fides
// fmt` (source_tokens.h): one walk over the tree, marking the tokens that
// start declarations, clauses and aligned parts, and the brackets, prefixes
// and suffixes whose spacing depends on what they are, not on their text.
#include <antlr4-runtime.h>

#include <algorithm>

#include "syntax/parse_internal.h"

namespace fides::syntax::detail {
namespace {

using antlr4::Token;
using antlr4::tree::TerminalNode;
using P = FidesParser;

class RoleWalker {
 public:
  RoleWalker(FileParser& fp, const SourceText& source, std::vector<SourceToken>& tokens)
      : fp_(fp), source_(source), tokens_(tokens) {}

  // Iterative, so that a long parse tree costs no stack: the parser already
  // caps its depth, but the walk need not rely on that.
  void walk(antlr4::ParserRuleContext* root) {
    std::vector<antlr4::tree::ParseTree*> stack{root};
    while (!stack.empty()) {
      antlr4::tree::ParseTree* node = stack.back();
      stack.pop_back();
      auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(node);
      if (ctx == nullptr) continue;
      note(ctx);
      for (antlr4::tree::ParseTree* child : ctx->children) stack.push_back(child);
    }
  }

 private:
  SourceToken* at(const Token* t) {
    if (t == nullptr) return nullptr;
    uint32_t begin = token_span(fp_.file(), source_, t).begin;
    auto it = std::lower_bound(tokens_.begin(), tokens_.end(), begin,
                               [](const SourceToken& s, uint32_t b) { return s.begin < b; });
    return it != tokens_.end() && it->begin == begin ? &*it : nullptr;
  }
  void mark(const Token* t, TokenRole role) {
    if (SourceToken* s = at(t)) s->role = role;
  }
  void mark(TerminalNode* n, TokenRole role) {
    if (n) mark(n->getSymbol(), role);
  }
  // The tokens of `type` directly inside ctx (not inside its sub-rules).
  void mark_children(antlr4::ParserRuleContext* ctx, size_t type, TokenRole role) {
    for (antlr4::tree::ParseTree* child : ctx->children)
      if (auto* t = dynamic_cast<TerminalNode*>(child); t && t->getSymbol()->getType() == type) mark(t, role);
  }
  void part(const Token* t) {
    if (SourceToken* s = at(t)) s->part = true;
  }
  void part(TerminalNode* n) {
    if (n) part(n->getSymbol());
  }
  void part(antlr4::ParserRuleContext* c) {
    if (c) part(c->getStart());
  }
  void starts(antlr4::ParserRuleContext* ctx, TokenRole role, ItemKind kind) {
    if (SourceToken* s = at(ctx->getStart())) {
      s->role = role;
      s->item = kind;
    }
  }
  void block(TerminalNode* open, TerminalNode* close) {
    mark(open, TokenRole::block_open);
    mark(close, TokenRole::block_close);
  }

  void note(antlr4::ParserRuleContext* ctx) {
    if (auto* c = dynamic_cast<P::TopDeclContext*>(ctx)) {
      ItemKind kind = c->paramDecl() ? ItemKind::param : c->tableDecl() ? ItemKind::table : ItemKind::other;
      starts(c, TokenRole::declaration_start, kind);
    } else if (auto* c = dynamic_cast<P::RecordDeclContext*>(ctx)) {
      block(c->LBRACE(), c->RBRACE());
    } else if (auto* c = dynamic_cast<P::RuleDeclContext*>(ctx)) {
      block(c->LBRACE(), c->RBRACE());
    } else if (auto* c = dynamic_cast<P::GroupDeclContext*>(ctx)) {
      block(c->LBRACE(), c->RBRACE());
    } else if (auto* c = dynamic_cast<P::ScorecardDeclContext*>(ctx)) {
      block(c->LBRACE(), c->RBRACE());
    } else if (auto* c = dynamic_cast<P::TestDeclContext*>(ctx)) {
      block(c->LBRACE(), c->RBRACE());
    } else if (auto* c = dynamic_cast<P::FieldDeclContext*>(ctx)) {
      starts(c, TokenRole::clause_start, c->VIA() ? ItemKind::reverse_field : ItemKind::field);
      part(c->typeRef());
      part(c->column);
      part(c->VIA());
      part(c->personal);
    } else if (auto* c = dynamic_cast<P::ParamDeclContext*>(ctx)) {
      part(c->typeRef());
      part(c->ASSIGN());
      part(c->RANGE());
      part(c->label);
    } else if (auto* c = dynamic_cast<P::TableDeclContext*>(ctx)) {
      part(c->typeRef());
      part(c->FROM());
      part(c->ASSIGN());
      part(c->COLUMN());
      part(c->KEY());
    } else if (dynamic_cast<P::RuleClauseContext*>(ctx) || dynamic_cast<P::GradeBandContext*>(ctx) ||
               dynamic_cast<P::TestClauseContext*>(ctx)) {
      starts(ctx, TokenRole::clause_start, ItemKind::other);
      if (auto* g = dynamic_cast<P::GivenClauseContext*>(ctx)) {
        mark(g->LBRACE(), TokenRole::group_open);
        mark(g->RBRACE(), TokenRole::group_close);
      }
    } else if (auto* c = dynamic_cast<P::GroupKeyClauseContext*>(ctx)) {
      starts(c, TokenRole::clause_start, ItemKind::group_key);
      part(c->ASSIGN());
    } else if (dynamic_cast<P::GroupClauseContext*>(ctx)) {
      starts(ctx, TokenRole::clause_start, ItemKind::other);
    } else if (auto* c = dynamic_cast<P::ItemClauseContext*>(ctx)) {
      starts(c, TokenRole::clause_start, ItemKind::score_item);
      part(c->ASSIGN());
      part(c->LIMIT());
    } else if (auto* c = dynamic_cast<P::GradeClauseContext*>(ctx)) {
      starts(c, TokenRole::clause_start, ItemKind::other);
      block(c->LBRACE(), c->RBRACE());
    } else if (dynamic_cast<P::ScorecardClauseContext*>(ctx)) {
      starts(ctx, TokenRole::clause_start, ItemKind::other);
    } else if (dynamic_cast<P::TypeRefContext*>(ctx)) {
      mark_children(ctx, P::LT, TokenRole::type_open);
      mark_children(ctx, P::GT, TokenRole::type_close);
      mark_children(ctx, P::QUESTION, TokenRole::suffix_mark);
    } else if (dynamic_cast<P::DefDeclContext*>(ctx) || dynamic_cast<P::CallExprContext*>(ctx) ||
               dynamic_cast<P::AggregateContext*>(ctx)) {
      mark_children(ctx, P::LPAREN, TokenRole::call_open);
    } else if (dynamic_cast<P::IndexOpContext*>(ctx)) {
      mark_children(ctx, P::LBRACK, TokenRole::index_open);
      mark_children(ctx, P::BANG, TokenRole::suffix_mark);
    } else if (dynamic_cast<P::NegOpContext*>(ctx)) {
      mark_children(ctx, P::MINUS, TokenRole::prefix_minus);
    } else if (dynamic_cast<P::SetLitContext*>(ctx) || dynamic_cast<P::MapLitContext*>(ctx)) {
      mark_children(ctx, P::LBRACE, TokenRole::collection_open);
      mark_children(ctx, P::RBRACE, TokenRole::collection_close);
    } else if (auto* c = dynamic_cast<P::BinsExprContext*>(ctx)) {
      mark(c->LBRACE(), TokenRole::group_open);
      mark(c->RBRACE(), TokenRole::group_close);
    }
  }

  FileParser& fp_;
  const SourceText& source_;
  std::vector<SourceToken>& tokens_;
};

}  // namespace

void note_token_roles(FileParser& fp, const SourceText& source, FidesParser::TopDeclContext* ctx) {
  if (fp.tokens() == nullptr || ctx == nullptr) return;
  RoleWalker(fp, source, *fp.tokens()).walk(ctx);
}

}  // namespace fides::syntax::detail
