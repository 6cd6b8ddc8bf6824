// The parse tree → AST conversion: one pass over a successfully parsed
// declaration, decoding literals, parsing message templates, and reporting
// what the grammar accepts but the language does not (duplicate clauses,
// bad dates, `bins` without `otherwise`, …).
#include <antlr4-runtime.h>

#include <map>

#include "FidesLexer.h"
#include "syntax/literals.h"
#include "syntax/parse_internal.h"

namespace fides::syntax::detail {
namespace {

using antlr4::ParserRuleContext;
using antlr4::Token;
using fides_grammar::FidesLexer;
using P = FidesParser;
using ast::ExprId;
using ast::ExprKind;

// Spec 9.11. Every phase walks an expression without recursion along its
// operator chains (compiler/ast/chains.h), so this bounds time and memory,
// not stack depth.
constexpr size_t kMaxExpressionNodes = 100000;

class Builder {
 public:
  Builder(FileParser& fp, const SourceText& source)
      : fp_(fp), source_(source), m_(fp.module()), diags_(fp.diags()), file_(fp.file()) {}

  // ---------------------------------------------------------------- spans
  Span span(const Token* t) const { return token_span(file_, source_, t); }
  Span span(ParserRuleContext* ctx) const { return span(ctx->getStart(), ctx->getStop()); }
  Span span(const Token* first, const Token* last) const {
    Span a = span(first);
    if (last == nullptr || last->getTokenIndex() < first->getTokenIndex()) return Span{file_, a.begin, a.begin};
    Span b = span(last);
    return Span{file_, a.begin, std::max(a.begin, b.end)};
  }
  Span span(ParserRuleContext* first, ParserRuleContext* last) const {
    return span(first->getStart(), last->getStop());
  }

  // ---------------------------------------------------------------- pieces
  ast::Ident ident(P::IdentContext* ctx) const { return ast::Ident{ctx->getText(), span(ctx)}; }

  std::string decode_string(const Token* t) {
    std::vector<StringEscapeError> errors;
    std::string raw = t->getText();
    auto chars = decode_string_literal(raw, span(t).begin, errors);
    report_escapes(errors);
    std::string out;
    for (const DecodedChar& c : chars) append_utf8(out, c.cp);
    return out;
  }

  void report_escapes(const std::vector<StringEscapeError>& errors) {
    for (const auto& e : errors)
      diags_.error(DiagKind::invalid_escape, Span{file_, e.begin, e.end}, e.text)
          .with_help(say(Phrase::help_escapes));
  }

  ast::StrLit str(const Token* t) { return ast::StrLit{decode_string(t), span(t)}; }
  std::optional<ast::StrLit> opt_str(const Token* t) {
    if (t == nullptr) return std::nullopt;
    return str(t);
  }

  ast::TypeRef type(P::TypeRefContext* ctx) {
    ast::TypeRef r;
    r.span = span(ctx);
    if (auto* c = dynamic_cast<P::SetTypeContext*>(ctx)) {
      r.kind = ast::TypeRef::Kind::set;
      r.name = "set";
      r.args.push_back(type(c->elem));
      r.optional = c->QUESTION() != nullptr;
    } else if (auto* c = dynamic_cast<P::MapTypeContext*>(ctx)) {
      r.kind = ast::TypeRef::Kind::map;
      r.name = "map";
      r.args.push_back(type(c->keyType));
      r.args.push_back(type(c->valueType));
      r.optional = c->QUESTION() != nullptr;
    } else if (auto* c = dynamic_cast<P::ListTypeContext*>(ctx)) {
      r.kind = ast::TypeRef::Kind::list;
      r.name = c->elem2->getText();
      r.optional = c->QUESTION() != nullptr;
    } else if (auto* c = dynamic_cast<P::NamedTypeContext*>(ctx)) {
      r.kind = ast::TypeRef::Kind::named;
      r.name = c->ident()->getText();
      r.optional = c->QUESTION() != nullptr;
    }
    return r;
  }

  ast::LetDecl let(P::LetDeclContext* ctx) { return ast::LetDecl{ident(ctx->name), expr(ctx->value), span(ctx)}; }

  ast::ForClause for_clause(P::ForClauseContext* ctx) {
    return ast::ForClause{ident(ctx->var), ident(ctx->record), span(ctx)};
  }

  // ---------------------------------------------------------------- declarations
  void top(P::TopDeclContext* ctx) {
    if (auto* c = ctx->packHeader()) pack_header(c);
    else if (auto* c = ctx->importDecl()) fp_.result().imports.push_back({str(c->path), span(c)});
    else if (auto* c = ctx->recordDecl()) record(c);
    else if (auto* c = ctx->paramDecl()) param(c);
    else if (auto* c = ctx->tableDecl()) table(c);
    else if (auto* c = ctx->letDecl()) keep(let(c), m_.lets);
    else if (auto* c = ctx->defDecl()) def(c);
    else if (auto* c = ctx->ruleDecl()) rule(c);
    else if (auto* c = ctx->scorecardDecl()) scorecard(c);
    else if (auto* c = ctx->groupDecl()) group(c);
    else if (auto* c = ctx->testDecl()) test(c);
  }

  // A declaration whose conversion found an error that the AST cannot hold
  // (poisoned_) is left out, so that later phases do not trip over it.
  template <class T>
  void keep(T&& decl, std::vector<std::decay_t<T>>& into) {
    if (!poisoned_) into.push_back(std::forward<T>(decl));
    poisoned_ = false;
  }

  void pack_header(P::PackHeaderContext* c) {
    ast::PackHeader h{str(c->name), str(c->version), span(c)};
    if (fp_.result().header) {
      diags_.error(DiagKind::duplicate_pack_header, h.span)
          .with_note(fp_.result().header->span, say(Phrase::note_first_pack_header));
      return;
    }
    fp_.result().header = std::move(h);
  }

  void record(P::RecordDeclContext* c) {
    ast::RecordDecl r;
    r.name = ident(c->name);
    r.label = opt_str(c->label);
    r.input_file = opt_str(c->inputFile);
    r.key = ident(c->key);
    r.span = span(c);
    for (auto* f : c->fieldDecl()) {
      ast::FieldDecl fd;
      fd.name = ident(f->name);
      fd.type = type(f->typeRef());
      fd.column = opt_str(f->column);
      if (f->via) fd.via = ident(f->via);
      if (f->personal) fd.personal = span(f->personal);
      fd.span = span(f);
      r.fields.push_back(std::move(fd));
    }
    keep(std::move(r), m_.records);
  }

  void param(P::ParamDeclContext* c) {
    ast::ParamDecl p;
    p.name = ident(c->name);
    p.type = type(c->typeRef());
    p.default_value = expr(c->value);
    if (c->lo) {
      p.range_low = expr(c->lo);
      p.range_high = expr(c->hi);
    }
    p.label = opt_str(c->label);
    p.span = span(c);
    keep(std::move(p), m_.params);
  }

  void table(P::TableDeclContext* c) {
    ast::TableDecl t;
    t.name = ident(c->name);
    t.type = type(c->typeRef());
    if (c->literal) t.inline_value = expr(c->literal);
    t.from = opt_str(c->path);
    t.column = opt_str(c->column);
    t.key = opt_str(c->key);
    t.value = opt_str(c->value);
    t.span = span(c);
    keep(std::move(t), m_.tables);
  }

  void def(P::DefDeclContext* c) {
    ast::DefDecl d;
    d.name = ident(c->name);
    for (auto* p : c->defParam()) d.params.push_back({ident(p->name), type(p->typeRef())});
    d.result = type(c->result);
    d.body = expr(c->body);
    d.span = span(c);
    keep(std::move(d), m_.defs);
  }

  // Reports a second clause of a kind that may appear once; true when it is the first.
  bool first_clause(std::map<std::string, Span>& seen, const std::string& clause, Span at,
                    Phrase decl_kind, const std::string& decl_name) {
    auto [it, inserted] = seen.emplace(clause, at);
    if (inserted) return true;
    diags_.error(DiagKind::duplicate_clause, at, clause, say(decl_kind), decl_name)
        .with_note(it->second, say(Phrase::note_first_clause, clause));
    return false;
  }

  void rule(P::RuleDeclContext* c) {
    ast::RuleDecl r;
    r.id = ident(c->name);
    r.title = opt_str(c->title);
    r.span = span(c);
    std::map<std::string, Span> seen;
    auto once = [&](const std::string& clause, ParserRuleContext* at) {
      return first_clause(seen, clause, span(at), Phrase::decl_rule, r.id.text);
    };
    for (auto* clause : c->ruleClause()) {
      if (auto* k = dynamic_cast<P::CategoryClauseContext*>(clause)) {
        if (once("category", k)) r.category = str(k->STRING()->getSymbol());
      } else if (auto* k = dynamic_cast<P::SeverityClauseContext*>(clause)) {
        if (once("severity", k)) r.severity = ident(k->ident());
      } else if (auto* k = dynamic_cast<P::VerdictClauseContext*>(clause)) {
        if (once("verdict", k)) r.verdict = ident(k->ident());
      } else if (auto* k = dynamic_cast<P::RuleForClauseContext*>(clause)) {
        if (once("for", k)) r.for_ = for_clause(k->forClause());
      } else if (auto* k = dynamic_cast<P::RuleLetClauseContext*>(clause)) {
        r.lets.push_back(let(k->letDecl()));
      } else if (auto* k = dynamic_cast<P::WhenClauseContext*>(clause)) {
        if (once("when", k)) r.when = expr(k->expr());
      } else if (auto* k = dynamic_cast<P::AmountClauseContext*>(clause)) {
        if (once("amount", k)) r.amount = expr(k->expr());
      } else if (auto* k = dynamic_cast<P::PointsClauseContext*>(clause)) {
        if (once("points", k)) r.points = expr(k->expr());
      } else if (auto* k = dynamic_cast<P::MessageClauseContext*>(clause)) {
        if (once("message", k)) r.message = message_template(k->STRING()->getSymbol());
      } else if (auto* k = dynamic_cast<P::EffectiveClauseContext*>(clause)) {
        if (!once("effective", k)) continue;
        if (k->lo == nullptr && k->hi == nullptr) {
          diags_.error(DiagKind::effective_without_bound, span(k))
              .with_help(say(Phrase::help_effective_example));
          continue;
        }
        ast::EffectiveClause e;
        if (k->lo) e.from = expr(k->lo);
        if (k->hi) e.to = expr(k->hi);
        e.by = expr(k->by);
        e.span = span(k);
        r.effective = e;
      }
    }
    keep(std::move(r), m_.rules);
  }

  void group(P::GroupDeclContext* c) {
    ast::GroupDecl g;
    g.name = ident(c->name);
    g.label = opt_str(c->label);
    g.span = span(c);
    std::map<std::string, Span> seen;
    auto once = [&](const std::string& clause, ParserRuleContext* at) {
      return first_clause(seen, clause, span(at), Phrase::decl_group, g.name.text);
    };
    for (auto* clause : c->groupClause()) {
      if (auto* k = dynamic_cast<P::GroupForClauseContext*>(clause)) {
        if (once("for", k)) g.for_ = for_clause(k->forClause());
      } else if (auto* k = dynamic_cast<P::GroupLetClauseContext*>(clause)) {
        g.lets.push_back(let(k->letDecl()));
      } else if (auto* k = dynamic_cast<P::GroupKeyClauseContext*>(clause)) {
        g.keys.push_back({ident(k->name), expr(k->value), span(k)});
      } else if (auto* k = dynamic_cast<P::GroupWhereClauseContext*>(clause)) {
        if (once("where", k)) g.where = expr(k->expr());
      }
    }
    keep(std::move(g), m_.groups);
  }

  void scorecard(P::ScorecardDeclContext* c) {
    ast::ScorecardDecl s;
    s.name = ident(c->name);
    s.title = opt_str(c->title);
    s.span = span(c);
    std::map<std::string, Span> seen;
    auto once = [&](const std::string& clause, ParserRuleContext* at) {
      return first_clause(seen, clause, span(at), Phrase::decl_scorecard, s.name.text);
    };
    for (auto* clause : c->scorecardClause()) {
      if (auto* k = dynamic_cast<P::CardForClauseContext*>(clause)) {
        if (once("for", k)) s.for_ = for_clause(k->forClause());
      } else if (auto* k = dynamic_cast<P::CardLetClauseContext*>(clause)) {
        s.lets.push_back(let(k->letDecl()));
      } else if (auto* k = dynamic_cast<P::BaseClauseContext*>(clause)) {
        if (once("base", k)) s.base = expr(k->expr());
      } else if (auto* k = dynamic_cast<P::ItemClauseContext*>(clause)) {
        ast::ScoreItem item;
        item.label = str(k->label);
        item.value = expr(k->value);
        if (k->lo) item.limit_low = expr(k->lo);
        if (k->hi) item.limit_high = expr(k->hi);
        item.span = span(k);
        s.items.push_back(std::move(item));
      } else if (auto* k = dynamic_cast<P::GradeClauseContext*>(clause)) {
        if (!once("grade", k)) continue;
        s.grade_span = span(k);
        bool otherwise = false;
        for (auto* b : k->gradeBand()) {
          ast::GradeBand band{str(b->grade), {}, span(b)};
          if (otherwise) {
            diags_.error(DiagKind::band_after_otherwise, band.span, band.grade.value);
            continue;
          }
          if (b->OTHERWISE()) otherwise = true;
          else band.condition = expr(b->cond);
          s.grades.push_back(std::move(band));
        }
        if (!otherwise)
          diags_.error(DiagKind::grade_without_otherwise, span(k->RBRACE()->getSymbol()), s.name.text)
              .with_help(say(Phrase::help_end_grades));
      } else if (auto* k = dynamic_cast<P::ReasonsClauseContext*>(clause)) {
        if (!once("reasons", k)) continue;
        ast::ReasonsClause rc;
        rc.count = int_token(k->INT()->getSymbol());
        rc.highest = k->HIGHEST() != nullptr;
        rc.span = span(k);
        s.reasons = rc;
      }
    }
    keep(std::move(s), m_.scorecards);
  }

  void test(P::TestDeclContext* c) {
    ast::TestDecl t;
    t.name = str(c->name);
    t.span = span(c);
    for (auto* clause : c->testClause()) {
      if (auto* g = dynamic_cast<P::GivenClauseContext*>(clause)) {
        ast::GivenClause given;
        given.record = ident(g->record);
        for (auto* f : g->fieldInit()) given.fields.push_back({ident(f->name), expr(f->value)});
        given.span = span(g);
        t.givens.push_back(std::move(given));
      } else if (auto* h = dynamic_cast<P::ExpectHitContext*>(clause)) {
        ast::Expectation e;
        e.kind = ast::Expectation::Kind::hit;
        e.target = ident(h->target);
        e.key = opt_str(h->key);
        if (h->amount) e.amount = expr(h->amount);
        e.span = span(h);
        t.expects.push_back(std::move(e));
      } else if (auto* n = dynamic_cast<P::ExpectNoHitContext*>(clause)) {
        ast::Expectation e;
        e.kind = ast::Expectation::Kind::no_hit;
        e.target = ident(n->target);
        e.key = opt_str(n->key);
        e.span = span(n);
        t.expects.push_back(std::move(e));
      } else if (auto* n = dynamic_cast<P::ExpectCountContext*>(clause)) {
        ast::Expectation e;
        e.kind = ast::Expectation::Kind::count;
        e.target = ident(n->target);
        e.count = expr(n->count);
        e.span = span(n);
        t.expects.push_back(std::move(e));
      } else if (auto* r = dynamic_cast<P::ExpectErrorContext*>(clause)) {
        ast::Expectation e;
        e.kind = ast::Expectation::Kind::error;
        e.target = ident(r->target);
        e.key = opt_str(r->key);
        e.span = span(r);
        t.expects.push_back(std::move(e));
      } else if (auto* s = dynamic_cast<P::ExpectScoreContext*>(clause)) {
        ast::Expectation e;
        e.kind = ast::Expectation::Kind::score;
        e.target = ident(s->card);
        e.key = opt_str(s->key);
        if (s->score) e.score = expr(s->score);
        e.grade = opt_str(s->grade);
        e.span = span(s);
        t.expects.push_back(std::move(e));
      }
    }
    keep(std::move(t), m_.tests);
  }

  // ---------------------------------------------------------------- message templates
  // `{expr}` parts are parsed as expressions; `{{` and `}}` are literal braces.
  // Only braces written as themselves count: `\u{7B}` is a literal `{`.
  ExprId message_template(const Token* t) {
    std::vector<StringEscapeError> errors;
    Span whole = span(t);
    std::vector<DecodedChar> chars = decode_string_literal(t->getText(), whole.begin, errors);
    report_escapes(errors);
    ast::Expr tmpl(ExprKind::template_);
    std::string lit;
    uint32_t lit_begin = 0, lit_end = 0;
    auto flush = [&] {
      if (lit.empty()) return;
      ast::Expr s(ExprKind::string_lit);
      s.text = std::move(lit);
      lit.clear();
      tmpl.kids.push_back(m_.add(std::move(s), Span{file_, lit_begin, lit_end}));
    };
    auto add_lit = [&](char32_t cp, uint32_t begin, uint32_t end) {
      if (lit.empty()) lit_begin = begin;
      append_utf8(lit, cp);
      lit_end = end;
    };
    auto plain = [&](size_t i, char32_t cp) { return i < chars.size() && !chars[i].escaped && chars[i].cp == cp; };
    size_t n = chars.size();
    for (size_t i = 0; i < n;) {
      const DecodedChar& c = chars[i];
      if (plain(i, '{') && plain(i + 1, '{')) {
        add_lit('{', c.offset, chars[i + 1].end);
        i += 2;
      } else if (plain(i, '}') && plain(i + 1, '}')) {
        add_lit('}', c.offset, chars[i + 1].end);
        i += 2;
      } else if (plain(i, '}')) {
        diags_.error(DiagKind::template_unmatched_brace, Span{file_, c.offset, c.end})
            .with_help(say(Phrase::help_literal_close_brace));
        ++i;
      } else if (plain(i, '{')) {
        // Find the matching `}`, skipping nested braces and string literals.
        size_t j = i + 1;
        int depth = 0;
        bool in_string = false;
        for (; j < n; ++j) {
          char32_t d = chars[j].cp;
          if (in_string) {
            if (d == '\\') ++j;
            else if (d == '"') in_string = false;
          } else if (d == '"') {
            in_string = true;
          } else if (d == '{') {
            ++depth;
          } else if (d == '}') {
            if (depth == 0) break;
            --depth;
          }
        }
        if (j >= n) {
          diags_.error(DiagKind::template_unclosed_brace, Span{file_, c.offset, c.end})
              .with_help(say(Phrase::help_close_template));
          break;
        }
        SourceText inner;
        bool blank = true;
        for (size_t k = i + 1; k < j; ++k) {
          append_utf8(inner.text, chars[k].cp);
          inner.offsets.push_back(chars[k].offset);
          if (chars[k].cp != ' ' && chars[k].cp != '\t' && chars[k].cp != '\n') blank = false;
        }
        inner.offsets.push_back(chars[j].offset);
        if (blank) {
          diags_.error(DiagKind::template_empty_expression, Span{file_, c.offset, chars[j].end})
              .with_help(say(Phrase::help_literal_braces));
        } else {
          flush();
          ExprId e = fp_.parse_embedded_expr(inner);
          if (e.valid()) tmpl.kids.push_back(e);
        }
        i = j + 1;
      } else {
        add_lit(c.cp, c.offset, c.end);
        ++i;
      }
    }
    flush();
    return m_.add(std::move(tmpl), whole);
  }

  // ---------------------------------------------------------------- expressions
  ExprId add(ast::Expr e, Span s) { return m_.add(std::move(e), s); }

  // Node constructors live outside the recursive functions, so that each level
  // of nesting costs a small stack frame (deep input is capped, but stays cheap).
  [[gnu::noinline]] ExprId make(ExprKind kind, std::vector<ExprId> kids, Span s) {
    ast::Expr e(kind);
    e.kids = std::move(kids);
    return add(std::move(e), s);
  }
  [[gnu::noinline]] ExprId make_unary(ast::UnaryOp op, ExprId kid, Span s) {
    ast::Expr e(ExprKind::unary);
    e.unary_op = op;
    e.kids = {kid};
    return add(std::move(e), s);
  }
  [[gnu::noinline]] ExprId make_named(ExprKind kind, std::string name, Span name_span, std::vector<ExprId> kids,
                                      Span s) {
    ast::Expr e(kind);
    e.name = std::move(name);
    e.name_span = name_span;
    e.kids = std::move(kids);
    return add(std::move(e), s);
  }

  [[gnu::noinline]] ExprId binary(ast::BinaryOp op, ExprId a, ExprId b, Span s) {
    ast::Expr e(ExprKind::binary);
    e.binary_op = op;
    e.kids = {a, b};
    return add(std::move(e), s);
  }

  // A whole expression has at most kMaxExpressionNodes nodes (spec 9.11); a
  // larger one is reported at its start and dropped (its nodes are the last
  // ones added), so that no later phase sees it.
  ExprId expr(P::ExprContext* ctx) {
    if (building_expression_) return expr_node(ctx);
    building_expression_ = true;
    size_t first = m_.exprs.size();
    ExprId id = expr_node(ctx);
    building_expression_ = false;
    size_t nodes = m_.exprs.size() - first;
    if (nodes <= kMaxExpressionNodes) return id;
    diags_.error(DiagKind::expression_too_large, span(ctx->getStart()), nodes, kMaxExpressionNodes)
        .with_help(say(Phrase::help_split_lets));
    m_.exprs.erase(m_.exprs.begin() + static_cast<std::ptrdiff_t>(first), m_.exprs.end());
    m_.expr_spans.erase(m_.expr_spans.begin() + static_cast<std::ptrdiff_t>(first), m_.expr_spans.end());
    return ExprId();
  }

  ExprId expr_node(P::ExprContext* ctx) {
    if (auto* c = dynamic_cast<P::IfExprContext*>(ctx)) {
      ExprId cond = expr(c->cond);
      ExprId then_ = expr(c->thenExpr);
      return make(ExprKind::if_, {cond, then_, expr(c->elseExpr)}, span(c));
    }
    return or_expr(static_cast<P::PlainExprContext*>(ctx)->orExpr());
  }

  ExprId or_expr(P::OrExprContext* ctx) {
    auto parts = ctx->andExpr();
    ExprId acc = and_expr(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i)
      acc = binary(ast::BinaryOp::or_, acc, and_expr(parts[i]), span(parts[0], parts[i]));
    return acc;
  }

  ExprId and_expr(P::AndExprContext* ctx) {
    auto parts = ctx->notExpr();
    ExprId acc = not_expr(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i)
      acc = binary(ast::BinaryOp::and_, acc, not_expr(parts[i]), span(parts[0], parts[i]));
    return acc;
  }

  ExprId not_expr(P::NotExprContext* ctx) {
    if (auto* c = dynamic_cast<P::NotOpContext*>(ctx))
      return make_unary(ast::UnaryOp::not_, not_expr(c->notExpr()), span(c));
    return cmp_expr(static_cast<P::NotPlainContext*>(ctx)->cmpExpr());
  }

  ExprId cmp_expr(P::CmpExprContext* ctx) {
    auto parts = ctx->coalesceExpr();
    ExprId lhs = coalesce_expr(parts[0]);
    if (parts.size() == 1) return lhs;
    ast::BinaryOp op = ast::BinaryOp::eq;
    if (ctx->IN()) op = ctx->NOT() ? ast::BinaryOp::not_in : ast::BinaryOp::in;
    else if (ctx->LIKE()) op = ast::BinaryOp::like;
    else {
      switch (ctx->op->getType()) {
        case FidesLexer::EQ: op = ast::BinaryOp::eq; break;
        case FidesLexer::NE: op = ast::BinaryOp::ne; break;
        case FidesLexer::LT: op = ast::BinaryOp::lt; break;
        case FidesLexer::LE: op = ast::BinaryOp::le; break;
        case FidesLexer::GT: op = ast::BinaryOp::gt; break;
        default: op = ast::BinaryOp::ge; break;
      }
    }
    return binary(op, lhs, coalesce_expr(parts[1]), span(ctx));
  }

  // `a ?? b ?? c` is `a ?? (b ?? c)`.
  ExprId coalesce_expr(P::CoalesceExprContext* ctx) {
    auto parts = ctx->addExpr();
    size_t last = parts.size() - 1;
    std::vector<ExprId> ids;
    ids.reserve(parts.size());
    for (auto* p : parts) ids.push_back(add_expr(p));
    ExprId acc = ids[last];
    for (size_t i = last; i-- > 0;) acc = binary(ast::BinaryOp::coalesce, ids[i], acc, span(parts[i], parts[last]));
    return acc;
  }

  ExprId add_expr(P::AddExprContext* ctx) {
    auto parts = ctx->mulExpr();
    auto ops = ctx->addOp();
    ExprId acc = mul_expr(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      ast::BinaryOp op = ops[i - 1]->PLUS() ? ast::BinaryOp::add : ast::BinaryOp::sub;
      acc = binary(op, acc, mul_expr(parts[i]), span(parts[0], parts[i]));
    }
    return acc;
  }

  ExprId mul_expr(P::MulExprContext* ctx) {
    auto parts = ctx->unaryExpr();
    auto ops = ctx->mulOp();
    ExprId acc = unary_expr(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      ast::BinaryOp op = ops[i - 1]->STAR() ? ast::BinaryOp::mul : ast::BinaryOp::div;
      acc = binary(op, acc, unary_expr(parts[i]), span(parts[0], parts[i]));
    }
    return acc;
  }

  ExprId unary_expr(P::UnaryExprContext* ctx) {
    if (auto* c = dynamic_cast<P::NegOpContext*>(ctx)) {
      if (P::IntLitContext* lit = negated_int_literal(c)) return negative_int(c, lit);
      return make_unary(ast::UnaryOp::neg, unary_expr(c->unaryExpr()), span(c));
    }
    return postfix_expr(static_cast<P::UnaryPlainContext*>(ctx)->postfixExpr());
  }

  // `-` written directly before an integer literal (nothing after it) makes
  // one negative literal, so that the whole int range, -9223372036854775808
  // included, can be written.
  static P::IntLitContext* negated_int_literal(P::NegOpContext* c) {
    auto* plain = dynamic_cast<P::UnaryPlainContext*>(c->unaryExpr());
    if (plain == nullptr || !plain->postfixExpr()->postfixOp().empty()) return nullptr;
    return dynamic_cast<P::IntLitContext*>(plain->postfixExpr()->primary());
  }

  [[gnu::noinline]] ExprId negative_int(P::NegOpContext* c, P::IntLitContext* lit) {
    ast::Expr e(ExprKind::int_lit);
    Span s = span(c);
    e.int_value = int_value(lit->INT()->getText(), /*negative=*/true, s);
    return add(std::move(e), s);
  }

  ExprId postfix_expr(P::PostfixExprContext* ctx) {
    ExprId acc = primary(ctx->primary());
    for (auto* op : ctx->postfixOp()) {
      Span s = span(ctx->primary(), op);
      if (auto* f = dynamic_cast<P::FieldOpContext*>(op))
        acc = make_named(ExprKind::field, f->ident()->getText(), span(f->ident()), {acc}, s);
      else if (auto* q = dynamic_cast<P::OptionalFieldOpContext*>(op))
        acc = make_optional_field(q->ident()->getText(), span(q->ident()), acc, s);
      else if (auto* ix = dynamic_cast<P::IndexOpContext*>(op))
        acc = make_index(acc, expr(ix->expr()), ix->BANG() != nullptr, s);
      else if (auto* d = dynamic_cast<P::DurationOpContext*>(op))
        acc = make_duration(d->durationUnit(), acc, s);
    }
    return acc;
  }

  [[gnu::noinline]] ExprId make_optional_field(std::string name, Span name_span, ExprId base, Span s) {
    ExprId e = make_named(ExprKind::field, std::move(name), name_span, {base}, s);
    m_.expr(e).flag = true;
    return e;
  }

  [[gnu::noinline]] ExprId make_index(ExprId map, ExprId key, bool bang, Span s) {
    ast::Expr e(ExprKind::index);
    e.kids = {map, key};
    e.flag = bang;
    return add(std::move(e), s);
  }

  [[gnu::noinline]] ExprId make_duration(P::DurationUnitContext* u, ExprId count, Span s) {
    ast::Expr e(ExprKind::duration);
    e.duration_unit = (u->DAYS() || u->DAY())       ? ast::DurationUnit::days
                      : (u->WEEKS() || u->WEEK())   ? ast::DurationUnit::weeks
                      : (u->MONTHS() || u->MONTH()) ? ast::DurationUnit::months
                                                    : ast::DurationUnit::years;
    e.kids = {count};
    return add(std::move(e), s);
  }

  int64_t int_token(const Token* t) { return int_value(t->getText(), /*negative=*/false, span(t)); }

  // The value of an integer literal's digits, negated when `negative`; out of
  // range is E0011 at `at`.
  int64_t int_value(const std::string& digits, bool negative, Span at) {
    auto v = parse_int_literal(digits, negative);
    if (!v) {
      diags_.error(DiagKind::number_out_of_range, at, negative ? "-" + digits : digits)
          .with_help(say(Phrase::help_int_range));
      return 0;
    }
    return *v;
  }

  ExprId primary(P::PrimaryContext* ctx) {
    if (auto* c = dynamic_cast<P::ParenExprContext*>(ctx)) return expr(c->expr());
    if (auto* c = dynamic_cast<P::AggregateExprContext*>(ctx)) return aggregate(c->aggregate());
    if (auto* c = dynamic_cast<P::BinsExprContext*>(ctx)) return bins(c);
    if (auto* c = dynamic_cast<P::MapLitContext*>(ctx)) {
      std::vector<ExprId> kids;
      for (auto* entry : c->mapEntry()) {
        kids.push_back(expr(entry->key));
        kids.push_back(expr(entry->value));
      }
      return make(ExprKind::map_lit, std::move(kids), span(c));
    }
    if (auto* c = dynamic_cast<P::SetLitContext*>(ctx)) {
      std::vector<ExprId> kids;
      for (auto* x : c->expr()) kids.push_back(expr(x));
      return make(ExprKind::set_lit, std::move(kids), span(c));
    }
    if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) {
      std::vector<ExprId> kids;
      for (auto* x : c->expr()) kids.push_back(expr(x));
      return make_named(ExprKind::call, c->fn->getText(), span(c->fn), std::move(kids), span(c));
    }
    return leaf(ctx);
  }

  // Literals and names: no children.
  [[gnu::noinline]] ExprId leaf(P::PrimaryContext* ctx) {
    Span s = span(ctx);
    if (auto* c = dynamic_cast<P::IntLitContext*>(ctx)) {
      ast::Expr e(ExprKind::int_lit);
      e.int_value = int_token(c->INT()->getSymbol());
      return add(std::move(e), s);
    }
    if (dynamic_cast<P::DecimalLitContext*>(ctx)) {
      ast::Expr e(ExprKind::decimal_lit);
      std::string text = ctx->getText();
      DecimalResult r = parse_decimal_literal(text);
      if (r.error == DecimalResult::Error::too_precise)
        diags_.error(DiagKind::decimal_too_precise, s, text).with_help(say(Phrase::help_round_decimal));
      else if (r.error == DecimalResult::Error::out_of_range)
        diags_.error(DiagKind::number_out_of_range, s, text);
      e.int_value = r.scaled;
      return add(std::move(e), s);
    }
    if (auto* c = dynamic_cast<P::StringLitContext*>(ctx)) {
      ast::Expr e(ExprKind::string_lit);
      e.text = decode_string(c->STRING()->getSymbol());
      return add(std::move(e), s);
    }
    if (dynamic_cast<P::DateLitContext*>(ctx)) {
      ast::Expr e(ExprKind::date_lit);
      std::string text = ctx->getText();
      Localized why;
      auto days = parse_date_literal(text, why);
      if (!days) diags_.error(DiagKind::invalid_date, s, text, why);
      e.int_value = days.value_or(0);
      return add(std::move(e), s);
    }
    if (dynamic_cast<P::TrueLitContext*>(ctx) || dynamic_cast<P::FalseLitContext*>(ctx)) {
      ast::Expr e(ExprKind::bool_lit);
      e.int_value = dynamic_cast<P::TrueLitContext*>(ctx) ? 1 : 0;
      return add(std::move(e), s);
    }
    auto* c = static_cast<P::NameExprContext*>(ctx);
    ast::Expr e(ExprKind::name);
    e.name = c->ident()->getText();
    e.name_span = s;
    return add(std::move(e), s);
  }

  ExprId aggregate(P::AggregateContext* c) {
    ast::Expr e(ExprKind::aggregate);
    switch (c->kind->getType()) {
      case FidesLexer::COUNT:
        e.aggregate_kind = c->DISTINCT() ? ast::AggregateKind::count_distinct : ast::AggregateKind::count;
        break;
      case FidesLexer::EXISTS: e.aggregate_kind = ast::AggregateKind::exists; break;
      case FidesLexer::FIRST: e.aggregate_kind = ast::AggregateKind::first; break;
      case FidesLexer::LAST: e.aggregate_kind = ast::AggregateKind::last; break;
      case FidesLexer::SUM: e.aggregate_kind = ast::AggregateKind::sum; break;
      case FidesLexer::MIN: e.aggregate_kind = ast::AggregateKind::min; break;
      case FidesLexer::MAX: e.aggregate_kind = ast::AggregateKind::max; break;
      case FidesLexer::MEDIAN: e.aggregate_kind = ast::AggregateKind::median; break;
      case FidesLexer::PERCENTILE: e.aggregate_kind = ast::AggregateKind::percentile; break;
      case FidesLexer::STDDEV: e.aggregate_kind = ast::AggregateKind::stddev; break;
      default: e.aggregate_kind = ast::AggregateKind::avg; break;
    }
    e.name = c->var->getText();
    e.name_span = span(c->var);
    // Children in source order, so that ids grow left to right.
    ExprId pct = c->pct ? expr(c->pct) : ExprId();
    ExprId value = c->value ? expr(c->value) : ExprId();
    ExprId coll = expr(c->coll);
    ExprId where = c->where ? expr(c->where) : ExprId();
    ExprId order = c->order ? expr(c->order) : ExprId();
    e.kids = {coll, where, value, order};
    if (pct.valid()) e.kids.push_back(pct);
    return add(std::move(e), span(c));
  }

  ExprId bins(P::BinsExprContext* c) {
    ast::Expr e(ExprKind::bins);
    e.kids.push_back(expr(c->subject));
    for (auto* band : c->binsBand()) {
      switch (band->op->getType()) {
        case FidesLexer::LT: e.band_ops.push_back(ast::BinaryOp::lt); break;
        case FidesLexer::LE: e.band_ops.push_back(ast::BinaryOp::le); break;
        case FidesLexer::GT: e.band_ops.push_back(ast::BinaryOp::gt); break;
        case FidesLexer::GE: e.band_ops.push_back(ast::BinaryOp::ge); break;
        default: e.band_ops.push_back(ast::BinaryOp::eq); break;
      }
      e.kids.push_back(coalesce_expr(band->bound));
      e.kids.push_back(coalesce_expr(band->value));
    }
    if (c->otherwise == nullptr) {
      diags_.error(DiagKind::bins_without_otherwise, span(c->RBRACE()->getSymbol()))
          .with_help(say(Phrase::help_end_bands));
      poisoned_ = true;  // the AST's bins always ends with the otherwise value
      return {};
    }
    e.kids.push_back(expr(c->otherwise));
    return add(std::move(e), span(c));
  }

  bool poisoned() const { return poisoned_; }

 private:
  FileParser& fp_;
  const SourceText& source_;
  ast::Module& m_;
  Diagnostics& diags_;
  FileId file_;
  bool poisoned_ = false;
  bool building_expression_ = false;  // inside expr(): nested expressions count towards the outer one
};

}  // namespace

void build_top_decl(FileParser& fp, const SourceText& source, FidesParser::TopDeclContext* ctx) {
  Builder(fp, source).top(ctx);
}

ExprId build_expr_only(FileParser& fp, const SourceText& source, FidesParser::ExprOnlyContext* ctx) {
  Builder b(fp, source);
  ExprId e = b.expr(ctx->expr());
  return b.poisoned() ? ExprId() : e;
}

}  // namespace fides::syntax::detail
