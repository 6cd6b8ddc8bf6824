// Private to the syntax phase: the pieces parse_file.cpp (lexing, chunking,
// running ANTLR, syntax errors) and build_ast.cpp (parse tree → AST) share.
// This header and those two files are the only code that sees ANTLR.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "FidesParser.h"
#include "ast/ast.h"
#include "diag/diagnostic.h"
#include "syntax/source_tokens.h"

namespace fides::syntax::detail {

// Deep nesting (spec 9.11: at most 256 levels) is refused before it can
// exhaust the stack: brackets are counted on the tokens before parsing, and
// while the parser runs every level of any kind (a bracket, a prefix `not` or
// `-`, a nested `if`, a `set<…>` type) is counted, and the parser's rule
// depth is capped (a level is at most 14 rules deep).
inline constexpr int kMaxNesting = 256;
inline constexpr size_t kMaxRuleDepth = kMaxNesting * 14;
inline constexpr size_t kMaxSyntaxErrors = 50;

// Text handed to ANTLR, and for each of its code points the byte offset in the
// file where that code point was written (one extra entry for the end). For a
// whole file this skips the BOM; for an expression inside a message template
// it undoes the string's escapes.
struct SourceText {
  std::string text;
  std::vector<uint32_t> offsets;
};

using fides_grammar::FidesParser;

class FileParser {
 public:
  // `tokens`, when given, receives every token of the file with its role (for fmt).
  FileParser(FileId file, ast::Module& module, Diagnostics& diags, ast::File& result,
             std::vector<SourceToken>* tokens)
      : file_(file), module_(module), diags_(diags), result_(result), tokens_(tokens) {}

  // Parses a whole (valid UTF-8) file: every top-level declaration is appended.
  void parse_file_text(std::string_view text);
  // Parses one expression of a message template; invalid on error (reported).
  ast::ExprId parse_embedded_expr(const SourceText& source);

  // Every syntax-level error goes through here, so that a broken file cannot
  // flood the output: false once the cap is reached (E0023 said so once).
  bool may_report();

  FileId file() const { return file_; }
  ast::Module& module() { return module_; }
  Diagnostics& diags() { return diags_; }
  ast::File& result() { return result_; }
  // Offsets of invalid UTF-8 bytes, replaced before lexing (already reported), ascending.
  std::vector<uint32_t>& replaced() { return replaced_; }
  std::vector<SourceToken>* tokens() { return tokens_; }

 private:
  FileId file_;
  ast::Module& module_;
  Diagnostics& diags_;
  ast::File& result_;
  std::vector<SourceToken>* tokens_;
  std::vector<uint32_t> replaced_;
  size_t reported_ = 0;
  bool capped_ = false;
};

// Converts one parsed declaration and appends it to the module (or, for a
// `pack` header or an `import`, to the File).
void build_top_decl(FileParser& fp, const SourceText& source, FidesParser::TopDeclContext* ctx);
ast::ExprId build_expr_only(FileParser& fp, const SourceText& source, FidesParser::ExprOnlyContext* ctx);

// Marks the roles of one parsed declaration's tokens in fp.tokens() (token_roles.cpp).
void note_token_roles(FileParser& fp, const SourceText& source, FidesParser::TopDeclContext* ctx);

// Byte offsets of a token, through the source's code point map.
Span token_span(FileId file, const SourceText& source, const antlr4::Token* t);

}  // namespace fides::syntax::detail
