// Parsing one file: UTF-8 check, lexing, cutting the tokens into top-level
// declarations, running ANTLR on each (SLL first, full LL only when SLL
// fails), and turning ANTLR's errors into diagnostics. See README.md.
#include "syntax/parse_file.h"

#include <antlr4-runtime.h>

#include <algorithm>
#include <memory>

#include "FidesLexer.h"
#include "syntax/literals.h"
#include "syntax/parse_internal.h"

namespace fides::syntax {
namespace detail {
namespace {

using antlr4::Token;
using fides_grammar::FidesLexer;

// Thrown out of the parser when its rule depth passes kMaxRuleDepth.
struct NestingTooDeep {};
// Thrown out of the parser after its first syntax error has been reported:
// one error per declaration, no cascades.
struct ChunkAborted {};

bool is_name_token(size_t type) {
  return type == FidesLexer::IDENT || (type >= FidesLexer::PACK && type <= FidesLexer::MAP);
}

// Counts nesting levels while the parser runs: a rule entered at a token that
// opens a level (a bracket, a call's or aggregate's `(`, a prefix `not` or
// `-`, `if`, `bins`, `set<`/`map<`) is one level, whatever mix of them the
// source uses; the rule depth is capped too, so parser and builder recursion
// stay bounded.
class DepthGuard : public antlr4::tree::ParseTreeListener {
 public:
  explicit DepthGuard(antlr4::TokenStream& tokens) : tokens_(tokens) {}

  void enterEveryRule(antlr4::ParserRuleContext* ctx) override {
    if (++rules_ > kMaxRuleDepth) throw NestingTooDeep{};
    if (counts(ctx) && ++levels_ > static_cast<size_t>(kMaxNesting)) throw NestingTooDeep{};
  }
  void exitEveryRule(antlr4::ParserRuleContext* ctx) override {
    if (rules_ > 0) --rules_;
    if (counts(ctx) && levels_ > 0) --levels_;
  }
  void visitTerminal(antlr4::tree::TerminalNode*) override {}
  void visitErrorNode(antlr4::tree::ErrorNode*) override {}

 private:
  // Whether the rule being entered (at its first token) opens a level.
  bool counts(antlr4::ParserRuleContext* ctx) {
    size_t first = ctx->getStart() ? ctx->getStart()->getType() : Token::EOF;
    switch (ctx->getRuleIndex()) {
      case FidesParser::RuleExpr: return first == FidesLexer::IF;
      case FidesParser::RuleNotExpr: return first == FidesLexer::NOT;
      case FidesParser::RuleUnaryExpr: return first == FidesLexer::MINUS;
      case FidesParser::RuleTypeRef: return first == FidesLexer::SET || first == FidesLexer::MAP;
      case FidesParser::RulePostfixOp: return first == FidesLexer::LBRACK;
      case FidesParser::RuleAggregate: return true;
      case FidesParser::RulePrimary:
        return first == FidesLexer::LPAREN || first == FidesLexer::LBRACE || first == FidesLexer::BINS ||
               (is_name_token(first) && tokens_.LA(2) == FidesLexer::LPAREN);  // a call
      default: return false;
    }
  }
  antlr4::TokenStream& tokens_;
  size_t rules_ = 0;
  size_t levels_ = 0;
};

bool starts_expression(size_t type) {
  switch (type) {
    case FidesLexer::INT: case FidesLexer::DECIMAL: case FidesLexer::STRING: case FidesLexer::DATE:
    case FidesLexer::TRUE: case FidesLexer::FALSE: case FidesLexer::LPAREN: case FidesLexer::LBRACE:
    case FidesLexer::NOT: case FidesLexer::MINUS: case FidesLexer::IF:
      return true;
    default:
      return is_name_token(type);
  }
}

std::string quoted_text(const std::string& text) {
  // Keep messages short: cut long tokens (on a code point boundary).
  constexpr size_t kMax = 40;
  if (text.size() <= kMax) return "'" + text + "'";
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "'" + text.substr(0, cut) + "…'";
}

Localized token_display(size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  switch (type) {
    case FidesLexer::IDENT: return say(Phrase::token_name);
    case FidesLexer::INT: return say(Phrase::token_integer);
    case FidesLexer::DECIMAL: return say(Phrase::token_decimal);
    case FidesLexer::STRING: return say(Phrase::token_string);
    case FidesLexer::DATE: return say(Phrase::token_date);
    case Token::EOF: return say(Phrase::end_of_file);
    default: break;
  }
  std::string lit = vocabulary.getLiteralName(type);
  return Localized::same(lit.empty() ? vocabulary.getSymbolicName(type) : lit);
}

// One top-level declaration's tokens: [begin, end) of the file's token list,
// and the token after it (the next declaration's first token, or EOF), which
// the parser sees as its end of input.
struct Chunk {
  size_t begin, end;
};

class ChunkErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  ChunkErrorStrategy(FileParser& fp, const SourceText& source, const Token* terminator, bool real_eof,
                     Phrase end_text)
      : fp_(fp), source_(source), terminator_(terminator), real_eof_(real_eof), end_text_(end_text) {}

  void recover(antlr4::Parser*, std::exception_ptr) override { throw ChunkAborted{}; }
  Token* recoverInline(antlr4::Parser* p) override {
    report(p, p->getCurrentToken(), p->getExpectedTokens());
    throw ChunkAborted{};
  }

 protected:
  void reportNoViableAlternative(antlr4::Parser* p, const antlr4::NoViableAltException& e) override {
    report(p, e.getOffendingToken(), e.getExpectedTokens());
  }
  void reportInputMismatch(antlr4::Parser* p, const antlr4::InputMismatchException& e) override {
    report(p, e.getOffendingToken(), e.getExpectedTokens());
  }
  void reportFailedPredicate(antlr4::Parser* p, const antlr4::FailedPredicateException&) override {
    report(p, p->getCurrentToken(), p->getExpectedTokens());
  }
  void reportUnwantedToken(antlr4::Parser* p) override {
    report(p, p->getCurrentToken(), p->getExpectedTokens());
    throw ChunkAborted{};
  }
  void reportMissingToken(antlr4::Parser* p) override {
    report(p, p->getCurrentToken(), p->getExpectedTokens());
    throw ChunkAborted{};
  }

 private:
  Localized describe_found(const Token* t) const {
    if (t == nullptr) return say(Phrase::end_of_input);
    if (t->getType() == Token::EOF)
      return real_eof_ ? say(end_text_) : Localized::same(quoted_text(terminator_->getText()));
    return Localized::same(quoted_text(t->getText()));
  }

  // Words for the expected set: "an expression", "a name", then the tokens
  // that are neither, quoted.
  static Localized describe_expected(const antlr4::misc::IntervalSet& set,
                                     const antlr4::dfa::Vocabulary& vocabulary) {
    std::vector<size_t> types;
    for (const auto& iv : set.getIntervals())
      for (ssize_t t = iv.a; t <= iv.b && types.size() < 400; ++t) types.push_back(static_cast<size_t>(t));
    bool expr = std::find(types.begin(), types.end(), size_t(FidesLexer::INT)) != types.end() &&
                std::find(types.begin(), types.end(), size_t(FidesLexer::LPAREN)) != types.end() &&
                std::find(types.begin(), types.end(), size_t(FidesLexer::IDENT)) != types.end();
    bool name = std::find(types.begin(), types.end(), size_t(FidesLexer::IDENT)) != types.end();
    std::vector<Localized> words;
    if (expr) words.push_back(say(Phrase::token_expression));
    else if (name) words.push_back(say(Phrase::token_name));
    for (size_t t : types) {
      if (expr && starts_expression(t)) continue;
      if (name && is_name_token(t)) continue;
      words.push_back(token_display(t, vocabulary));
    }
    if (words.empty()) return say(Phrase::token_nothing_more);
    constexpr size_t kMaxWords = 12;
    bool more = words.size() > kMaxWords;
    if (more) words.resize(kMaxWords);
    return join_alternatives(words, more);
  }

  // The innermost block the parser is in ("record 'Person'") and the token
  // that opened it (`record`), or an empty description.
  struct Block {
    Localized what;
    Token* opener = nullptr;
  };
  static Block innermost_block(antlr4::ParserRuleContext* ctx) {
    for (; ctx != nullptr; ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
      auto named = [&](Phrase what, std::string name) {
        return Block{name.empty() ? say(what) : say(Phrase::named, say(what), name), ctx->getStart()};
      };
      auto quoted = [](FidesParser::IdentContext* name) { return name ? quoted_text(name->getText()) : ""; };
      using P = FidesParser;
      if (auto* r = dynamic_cast<P::RecordDeclContext*>(ctx)) return named(Phrase::decl_record, quoted(r->name));
      if (auto* r = dynamic_cast<P::RuleDeclContext*>(ctx)) return named(Phrase::decl_rule, quoted(r->name));
      if (auto* s = dynamic_cast<P::ScorecardDeclContext*>(ctx)) return named(Phrase::decl_scorecard, quoted(s->name));
      if (auto* g = dynamic_cast<P::GroupDeclContext*>(ctx)) return named(Phrase::decl_group, quoted(g->name));
      if (auto* t = dynamic_cast<P::TestDeclContext*>(ctx))
        return named(Phrase::decl_test, t->name ? t->name->getText() : "");
      if (auto* g = dynamic_cast<P::GivenClauseContext*>(ctx)) return named(Phrase::block_given, quoted(g->record));
      if (dynamic_cast<P::GradeClauseContext*>(ctx)) return Block{say(Phrase::block_grade), ctx->getStart()};
      if (auto* b = dynamic_cast<FidesParser::BinsExprContext*>(ctx))
        return Block{say(Phrase::block_bins), b->BINS()->getSymbol()};
      if (dynamic_cast<FidesParser::SetLitContext*>(ctx) || dynamic_cast<FidesParser::MapLitContext*>(ctx))
        return Block{say(Phrase::block_collection_literal), ctx->getStart()};
    }
    return {};
  }

  // The innermost `(` not yet closed, when the parser is inside one.
  static Token* open_paren(antlr4::ParserRuleContext* ctx) {
    for (; ctx != nullptr; ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
      if (auto* c = dynamic_cast<FidesParser::ParenExprContext*>(ctx)) return c->RPAREN() ? nullptr : c->LPAREN()->getSymbol();
      if (auto* c = dynamic_cast<FidesParser::CallExprContext*>(ctx)) return c->RPAREN() ? nullptr : c->LPAREN()->getSymbol();
      if (auto* c = dynamic_cast<FidesParser::AggregateContext*>(ctx)) return c->RPAREN() ? nullptr : c->LPAREN()->getSymbol();
      if (dynamic_cast<FidesParser::IndexOpContext*>(ctx) || dynamic_cast<FidesParser::SetLitContext*>(ctx) ||
          dynamic_cast<FidesParser::MapLitContext*>(ctx) || dynamic_cast<FidesParser::BinsExprContext*>(ctx) ||
          dynamic_cast<FidesParser::TopDeclContext*>(ctx))
        return nullptr;
    }
    return nullptr;
  }

  void report(antlr4::Parser* p, Token* offending, const antlr4::misc::IntervalSet& expected) {
    if (!fp_.may_report()) return;
    Token* at = offending ? offending : p->getCurrentToken();
    Span span = token_span(fp_.file(), source_, at);
    Localized found = describe_found(at);
    bool at_end = at != nullptr && at->getType() == Token::EOF;
    if (at_end && expected.contains(static_cast<size_t>(FidesLexer::RBRACE))) {
      // The declaration ended (the next one starts, or the file does) inside a
      // block: a `}` is missing. Point at what opened the block.
      Block block = innermost_block(p->getContext());
      if (!block.what.empty()) {
        fp_.diags()
            .error(DiagKind::unclosed_block, token_span(fp_.file(), source_, block.opener), block.what, found)
            .with_note(span, say(Phrase::note_brace_missing));
        return;
      }
    }
    if (expected.contains(static_cast<size_t>(FidesLexer::RPAREN)) && at != nullptr &&
        at->getType() != FidesLexer::COMMA) {
      if (Token* open = open_paren(p->getContext())) {
        fp_.diags()
            .error(DiagKind::unclosed_paren, token_span(fp_.file(), source_, open), found)
            .with_note(span, say(Phrase::note_found_here, found));
        return;
      }
    }
    fp_.diags().error(DiagKind::unexpected_token, span, found, describe_expected(expected, p->getVocabulary()));
  }

  FileParser& fp_;
  const SourceText& source_;
  const Token* terminator_;
  bool real_eof_;
  Phrase end_text_;  // what the end of the input is called
};

enum class StartRule { chunk, expr_only };

}  // namespace

Span token_span(FileId file, const SourceText& source, const Token* t) {
  size_t last = source.offsets.size() - 1;
  if (t == nullptr) return Span{file, source.offsets[last], source.offsets[last]};
  size_t start = std::min<size_t>(t->getStartIndex(), last);
  size_t stop = t->getStopIndex();
  size_t after = (stop == SIZE_MAX || stop < start) ? start : std::min<size_t>(stop + 1, last);
  return Span{file, source.offsets[start], source.offsets[after]};
}

bool FileParser::may_report() {
  if (capped_) return false;
  if (reported_ >= kMaxSyntaxErrors) {
    capped_ = true;
    diags_.error(DiagKind::too_many_syntax_errors, Span{file_, 0, 0});
    return false;
  }
  ++reported_;
  return true;
}

namespace {

// Lexes `source` and parses it, per declaration (chunk) or as one expression.
class TextParser {
 public:
  TextParser(FileParser& fp, const SourceText& source) : fp_(fp), source_(source) {}

  // Returns the expression for StartRule::expr_only (invalid for chunks or on error).
  ast::ExprId run(StartRule start) {
    antlr4::ANTLRInputStream input(source_.text);
    FidesLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream stream(&lexer);
    stream.fill();
    // The parser sees the default channel; comments are on their own.
    std::vector<Token*> all, comments;
    for (Token* t : stream.getTokens())
      (t->getChannel() == Token::DEFAULT_CHANNEL ? all : comments).push_back(t);
    if (all.empty()) return {};
    if (start == StartRule::chunk && fp_.tokens()) list_tokens(all, comments, *fp_.tokens());

    std::vector<bool> bad(all.size(), false);
    report_lexical_errors(all, bad);

    std::vector<Chunk> chunks;
    if (start == StartRule::expr_only) chunks.push_back({0, all.size() - 1});
    else chunks = cut_into_chunks(all);

    ast::ExprId result;
    for (const Chunk& c : chunks) {
      if (std::any_of(bad.begin() + c.begin, bad.begin() + c.end, [](bool b) { return b; })) continue;
      if (!nesting_ok(all, c)) continue;
      result = parse_chunk(all, c, start);
    }
    return result;
  }

 private:
  // Every token but the final EOF, comments included, in file order; the
  // roles are marked as the declarations are parsed.
  void list_tokens(const std::vector<Token*>& code, const std::vector<Token*>& comments,
                   std::vector<SourceToken>& out) const {
    out.clear();
    out.reserve(code.size() + comments.size());
    auto add = [&](const Token* t, TokenRole role) {
      Span s = token_span(fp_.file(), source_, t);
      out.push_back(SourceToken{s.begin, s.end, role});
    };
    size_t c = 0;
    for (size_t i = 0; i + 1 < code.size(); ++i) {
      for (; c < comments.size() && comments[c]->getStartIndex() < code[i]->getStartIndex(); ++c)
        add(comments[c], TokenRole::comment);
      add(code[i], TokenRole::plain);
    }
    for (; c < comments.size(); ++c) add(comments[c], TokenRole::comment);
  }

  void report_lexical_errors(const std::vector<Token*>& all, std::vector<bool>& bad) {
    for (size_t i = 0; i < all.size(); ++i) {
      Token* t = all[i];
      if (t->getType() == FidesLexer::BAD_CHAR) {
        bad[i] = true;
        Span at = token_span(fp_.file(), source_, t);
        if (std::binary_search(fp_.replaced().begin(), fp_.replaced().end(), at.begin)) continue;  // E0002 said it
        if (!fp_.may_report()) continue;
        std::string text = t->getText();
        size_t k = 0;
        char32_t cp = text.empty() ? 0 : next_code_point(text, k);
        std::string shown = cp < 0x20 || cp == 0x7F ? std::string("?") : text;
        fp_.diags().error(DiagKind::unexpected_character, token_span(fp_.file(), source_, t), shown,
                          static_cast<uint32_t>(cp));
      } else if (t->getType() == FidesLexer::UNTERMINATED_STRING) {
        bad[i] = true;
        if (!fp_.may_report()) continue;
        fp_.diags()
            .error(DiagKind::unterminated_string, token_span(fp_.file(), source_, t))
            .with_help(say(Phrase::help_close_string));
      }
    }
  }

  // A declaration starts at a declaration keyword followed by what only a
  // declaration can follow it with; `let` only outside brackets (it is also a
  // clause of rules and scorecards). So a missing `}` costs one declaration.
  static std::vector<Chunk> cut_into_chunks(const std::vector<Token*>& all) {
    std::vector<Chunk> chunks;
    size_t n = all.size() - 1;  // the last token is EOF
    auto type = [&](size_t i) { return i < n ? all[i]->getType() : size_t(Token::EOF); };
    size_t begin = 0;
    int depth = 0;
    for (size_t i = 0; i < n; ++i) {
      size_t t = type(i);
      bool starts = false;
      if (i > begin && type(i - 1) != FidesLexer::DOT) {
        size_t t1 = type(i + 1), t2 = type(i + 2), t3 = type(i + 3);
        switch (t) {
          case FidesLexer::PACK:
          case FidesLexer::IMPORT: starts = t1 == FidesLexer::STRING; break;
          case FidesLexer::RECORD:
            // record NAME ["label"] [from "file"] key …
            starts = is_name_token(t1) && (t2 == FidesLexer::KEY || t2 == FidesLexer::FROM ||
                                           (t2 == FidesLexer::STRING && (t3 == FidesLexer::KEY || t3 == FidesLexer::FROM)));
            break;
          case FidesLexer::PARAM:
          case FidesLexer::TABLE: starts = is_name_token(t1) && t2 == FidesLexer::COLON; break;
          case FidesLexer::LET: starts = depth == 0 && is_name_token(t1) && t2 == FidesLexer::ASSIGN; break;
          case FidesLexer::DEF: starts = is_name_token(t1) && t2 == FidesLexer::LPAREN; break;
          case FidesLexer::RULE:
          case FidesLexer::SCORECARD:
          case FidesLexer::GROUP:
            starts = is_name_token(t1) && (t2 == FidesLexer::LBRACE || (t2 == FidesLexer::STRING && t3 == FidesLexer::LBRACE));
            break;
          case FidesLexer::TEST: starts = t1 == FidesLexer::STRING && t2 == FidesLexer::LBRACE; break;
          default: break;
        }
      }
      if (starts) {
        chunks.push_back({begin, i});
        begin = i;
        depth = 0;
      }
      if (t == FidesLexer::LPAREN || t == FidesLexer::LBRACK || t == FidesLexer::LBRACE) ++depth;
      else if ((t == FidesLexer::RPAREN || t == FidesLexer::RBRACK || t == FidesLexer::RBRACE) && depth > 0) --depth;
    }
    if (n > begin) chunks.push_back({begin, n});
    return chunks;
  }

  bool nesting_ok(const std::vector<Token*>& all, const Chunk& c) {
    int depth = 0;
    for (size_t i = c.begin; i < c.end; ++i) {
      size_t t = all[i]->getType();
      if (t == FidesLexer::LPAREN || t == FidesLexer::LBRACK || t == FidesLexer::LBRACE) {
        if (++depth > kMaxNesting) {
          if (fp_.may_report())
            fp_.diags()
                .error(DiagKind::nesting_too_deep, token_span(fp_.file(), source_, all[i]), kMaxNesting)
                .with_help(say(Phrase::help_name_parts));
          return false;
        }
      } else if (t == FidesLexer::RPAREN || t == FidesLexer::RBRACK || t == FidesLexer::RBRACE) {
        depth = std::max(0, depth - 1);
      }
    }
    return true;
  }

  // The chunk's tokens, copied, ending with an EOF-typed copy of the token after it.
  static std::unique_ptr<antlr4::ListTokenSource> chunk_tokens(const std::vector<Token*>& all, const Chunk& c) {
    std::vector<std::unique_ptr<Token>> list;
    list.reserve(c.end - c.begin + 1);
    for (size_t i = c.begin; i < c.end; ++i) list.push_back(std::make_unique<antlr4::CommonToken>(all[i]));
    auto eof = std::make_unique<antlr4::CommonToken>(all[c.end]);
    eof->setType(Token::EOF);
    list.push_back(std::move(eof));
    return std::make_unique<antlr4::ListTokenSource>(std::move(list));
  }

  ast::ExprId parse_chunk(const std::vector<Token*>& all, const Chunk& c, StartRule start) {
    const Token* terminator = all[c.end];
    bool real_eof = terminator->getType() == Token::EOF;
    // Stage 1: SLL prediction, bail out at the first error.
    {
      auto tokens = chunk_tokens(all, c);
      antlr4::CommonTokenStream stream(tokens.get());
      FidesParser parser(&stream);
      parser.removeErrorListeners();
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
      parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
      DepthGuard guard(stream);
      parser.addParseListener(&guard);
      bool ok = false;
      ast::ExprId result;
      try {
        if (start == StartRule::chunk) {
          auto* ctx = parser.chunk();
          ok = true;
          build_top_decl(fp_, source_, ctx->topDecl());
          note_token_roles(fp_, source_, ctx->topDecl());
        } else {
          auto* ctx = parser.exprOnly();
          ok = true;
          result = build_expr_only(fp_, source_, ctx);
        }
      } catch (const antlr4::ParseCancellationException&) {
        ok = false;
      } catch (const NestingTooDeep&) {
        report_too_deep(parser);
        return {};
      }
      parser.removeParseListeners();
      if (ok) return result;
    }
    // Stage 2: full LL prediction; the first error is reported and ends the chunk.
    auto tokens = chunk_tokens(all, c);
    antlr4::CommonTokenStream stream(tokens.get());
    FidesParser parser(&stream);
    parser.removeErrorListeners();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<ChunkErrorStrategy>(
        fp_, source_, terminator, real_eof,
        start == StartRule::chunk ? Phrase::end_of_file : Phrase::end_of_template_expression));
    DepthGuard guard(stream);
    parser.addParseListener(&guard);
    ast::ExprId result;
    try {
      if (start == StartRule::chunk) {
        auto* ctx = parser.chunk();
        parser.removeParseListeners();
        build_top_decl(fp_, source_, ctx->topDecl());
        note_token_roles(fp_, source_, ctx->topDecl());
      } else {
        auto* ctx = parser.exprOnly();
        parser.removeParseListeners();
        result = build_expr_only(fp_, source_, ctx);
      }
    } catch (const ChunkAborted&) {
    } catch (const antlr4::ParseCancellationException&) {
    } catch (const NestingTooDeep&) {
      report_too_deep(parser);
    }
    parser.removeParseListeners();
    return result;
  }

  void report_too_deep(FidesParser& parser) {
    if (!fp_.may_report()) return;
    fp_.diags()
        .error(DiagKind::nesting_too_deep, token_span(fp_.file(), source_, parser.getCurrentToken()), kMaxNesting)
        .with_help(say(Phrase::help_name_parts));
  }

  FileParser& fp_;
  const SourceText& source_;
};

}  // namespace

void FileParser::parse_file_text(std::string_view text) {
  SourceText source;
  uint32_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  source.text.assign(text.substr(pos));
  source.offsets.reserve(source.text.size() + 1);
  for (size_t i = 0; i < source.text.size();) {
    source.offsets.push_back(pos + static_cast<uint32_t>(i));
    next_code_point(source.text, i);
  }
  source.offsets.push_back(static_cast<uint32_t>(text.size()));
  // ANTLR's input stream drops a leading BOM itself; keep the map in step if
  // the text (after ours) starts with another one.
  {
    antlr4::ANTLRInputStream probe(source.text);
    size_t expected = source.offsets.size() - 1;
    if (probe.size() < expected)
      source.offsets.erase(source.offsets.begin(), source.offsets.begin() + (expected - probe.size()));
  }
  TextParser(*this, source).run(StartRule::chunk);
}

ast::ExprId FileParser::parse_embedded_expr(const SourceText& source) {
  return TextParser(*this, source).run(StartRule::expr_only);
}

}  // namespace detail

ast::File parse_file(FileId file, const SourceManager& sm, ast::Module& module, Diagnostics& diags,
                     std::vector<SourceToken>* tokens) {
  ast::File result;
  result.id = file;
  std::string_view text = sm.text(file);
  detail::FileParser fp(file, module, diags, result, tokens);
  try {
    // Invalid UTF-8 is reported once (at its first byte); each bad byte is then
    // replaced by a control character, keeping every offset, so the rest of
    // the file is still checked: the declaration holding it is skipped, unless
    // the byte is inside a string.
    std::string clean;
    size_t bad = find_invalid_utf8(text);
    if (bad != std::string_view::npos) {
      uint32_t at = static_cast<uint32_t>(bad);
      diags.error(DiagKind::invalid_utf8, Span{file, at, at + 1}).with_help(say(Phrase::help_save_utf8));
      clean.assign(text);
      while (bad != std::string_view::npos) {
        clean[bad] = '\x01';
        fp.replaced().push_back(static_cast<uint32_t>(bad));
        size_t next = find_invalid_utf8(std::string_view(clean).substr(bad + 1));
        bad = next == std::string_view::npos ? next : bad + 1 + next;
      }
      text = clean;
    }
    fp.parse_file_text(text);
  } catch (const std::exception& e) {
    diags.error(DiagKind::parser_failure, Span{file, 0, 0}, e.what());
  }
  return result;
}

std::vector<std::string> keywords() {
  // The lexer numbers the reserved keywords AND … FALSE and the contextual
  // ones PACK … MAP contiguously (grammar/Fides.g4); each literal name is quoted.
  antlr4::ANTLRInputStream nothing("");
  fides_grammar::FidesLexer lexer(&nothing);
  const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
  std::vector<std::string> words;
  for (size_t t = fides_grammar::FidesLexer::AND; t <= fides_grammar::FidesLexer::MAP; ++t) {
    std::string lit = vocabulary.getLiteralName(t);
    words.push_back(lit.size() >= 2 ? lit.substr(1, lit.size() - 2) : lit);
  }
  return words;
}

}  // namespace fides::syntax
