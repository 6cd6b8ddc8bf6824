// Lays a file out line by line from its tokens (see README.md for the rules):
// declarations and clauses start lines at two spaces per block, the author's
// other line breaks are kept with computed indentation, the space between two
// tokens on a line follows from what they are, and neighbouring one-line
// items of a kind, and trailing comments, are aligned in columns.
#include "format/layout.h"

#include <algorithm>

#include "diag/display_width.h"

namespace fides::format {
namespace {

using syntax::ItemKind;
using syntax::SourceToken;
using syntax::TokenRole;

constexpr int kIndent = 2;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Line {
  int indent = 0;
  std::vector<std::string> cells;  // the code, cut where an aligned part starts
  std::string comment;             // a trailing comment, or the text of a comment line
  bool comment_only = false;
  bool blank_before = false;
  bool opens_block = false;        // its last token is a block's `{`
  ItemKind kind = ItemKind::none;  // of the item that starts the line
  bool whole_item = false;         // the line holds its whole item
};

// A bracket still open on the lines being laid out.
struct OpenBracket {
  int line_indent;          // of the line holding it
  int column;               // where it stands
  int content_column = -1;  // where the token after it stands, when on the same line
};

struct PendingComment {
  std::string text;
  bool blank_before;
};

bool opens(const SourceToken& t, std::string_view text) {
  return text == "(" || text == "[" || t.role == TokenRole::collection_open || t.role == TokenRole::group_open ||
         t.role == TokenRole::type_open;
}

bool closes(const SourceToken& t, std::string_view text) {
  return text == ")" || text == "]" || t.role == TokenRole::collection_close || t.role == TokenRole::group_close ||
         t.role == TokenRole::type_close;
}

// Whether the token keeps the next one on the same line without a space (a
// block's `{` has nothing after it on its line but an empty block's `}`).
bool glues_right(const SourceToken& t, std::string_view text) {
  return text == "(" || text == "[" || text == "." || text == "?." || t.role == TokenRole::prefix_minus ||
         t.role == TokenRole::type_open || t.role == TokenRole::collection_open || t.role == TokenRole::block_open;
}

// Whether the token follows the previous one without a space.
bool glues_left(const SourceToken& t, std::string_view text) {
  return text == ")" || text == "]" || text == "," || text == "." || text == "?." || text == ":" ||
         t.role == TokenRole::call_open || t.role == TokenRole::index_open || t.role == TokenRole::type_open ||
         t.role == TokenRole::type_close || t.role == TokenRole::suffix_mark ||
         t.role == TokenRole::collection_close;
}

class Layout {
 public:
  Layout(std::string_view text, const std::vector<SourceToken>& tokens) : text_(text), tokens_(tokens) {}

  std::string run() {
    uint32_t previous_end = text_.substr(0, kBom.size()) == kBom ? static_cast<uint32_t>(kBom.size()) : 0;
    bool first_code = true;
    for (const SourceToken& t : tokens_) {
      std::string_view gap = text_.substr(previous_end, t.begin - previous_end);
      size_t newlines = static_cast<size_t>(std::count(gap.begin(), gap.end(), '\n'));
      since_code_break_ = since_code_break_ || newlines > 0;
      previous_end = t.end;
      if (t.role == TokenRole::comment) {
        comment(t, newlines);
        continue;
      }
      code(t, newlines >= 2, first_code);
      first_code = false;
      since_code_break_ = false;
    }
    flush_comments(depth_ * kIndent);
    align_items();
    align_comments();
    return render();
  }

 private:
  std::string_view token_text(const SourceToken& t) const { return text_.substr(t.begin, t.end - t.begin); }

  void comment(const SourceToken& t, size_t newlines) {
    std::string text(comment_text(token_text(t)));
    bool trailing = newlines == 0 && !lines_.empty() && pending_.empty() && !lines_.back().comment_only &&
                    lines_.back().comment.empty();
    if (trailing) lines_.back().comment = std::move(text);
    else pending_.push_back({std::move(text), newlines >= 2});
  }

  void code(const SourceToken& t, bool blank, bool first) {
    std::string_view text = token_text(t);
    switch (t.role) {
      case TokenRole::declaration_start:
      case TokenRole::clause_start:
        item_indent_ = depth_ * kIndent;
        brackets_.clear();
        flush_comments(item_indent_);
        start_line(item_indent_, blank);
        item_line_ = lines_.size() - 1;
        lines_.back().kind = t.item;
        lines_.back().whole_item = true;
        break;
      case TokenRole::block_open:
        if (lines_.empty()) start_line(0, false);
        ++depth_;
        break;
      case TokenRole::block_close:
        depth_ = std::max(0, depth_ - 1);
        if (lines_.empty() || !(pending_.empty() && lines_.back().opens_block)) {
          flush_comments((depth_ + 1) * kIndent);
          start_line(depth_ * kIndent, false);
        }
        break;
      default:
        if (first || since_code_break_) {
          flush_comments(continuation_indent(t, text));
          start_line(continuation_indent(t, text), false);
          if (item_line_ < lines_.size()) lines_[item_line_].whole_item = false;
        }
        break;
    }
    append(t, text);
  }

  int continuation_indent(const SourceToken& t, std::string_view text) const {
    if (brackets_.empty()) return item_indent_ + kIndent;
    const OpenBracket& top = brackets_.back();
    if (closes(t, text)) return top.content_column >= 0 ? top.column : top.line_indent;
    return top.content_column >= 0 ? top.content_column : top.line_indent + kIndent;
  }

  void flush_comments(int indent) {
    for (PendingComment& c : pending_) {
      start_line(indent, c.blank_before);
      lines_.back().comment_only = true;
      lines_.back().comment = std::move(c.text);
    }
    pending_.clear();
  }

  // Blank lines are kept (one of a run) before a declaration, a clause or a
  // comment line, never as the first thing in a block or in the file.
  void start_line(int indent, bool blank) {
    bool keep_blank = blank && !lines_.empty() && !lines_.back().opens_block;
    lines_.push_back(Line{});
    lines_.back().indent = indent;
    lines_.back().blank_before = keep_blank;
    width_ = indent;
    awaiting_content_ = false;
  }

  void append(const SourceToken& t, std::string_view text) {
    Line& line = lines_.back();
    bool fresh = line.cells.empty();
    if (fresh) {
      line.cells.emplace_back();
    } else if (t.part) {
      line.cells.emplace_back();
      width_ += 1;
    } else if (!(glues_right(*previous_, token_text(*previous_)) || glues_left(t, text))) {
      line.cells.back() += ' ';
      width_ += 1;
    }
    int column = width_;
    line.cells.back() += text;
    width_ += static_cast<int>(display_width(text));
    line.opens_block = t.role == TokenRole::block_open;
    if (awaiting_content_) brackets_.back().content_column = column;
    awaiting_content_ = false;
    if (closes(t, text) && !brackets_.empty()) brackets_.pop_back();
    if (opens(t, text)) {
      brackets_.push_back(OpenBracket{line.indent, column});
      awaiting_content_ = true;
    }
    previous_ = &t;
  }

  // Neighbouring lines that each hold one whole item of the same kind (a
  // record's fields, params, tables, score items, group keys) line up their
  // parts: each part but a line's last is padded to the widest in the run.
  void align_items() {
    for (size_t begin = 0; begin < lines_.size();) {
      size_t end = begin + 1;
      auto alignable = [](const Line& l) { return l.whole_item && l.kind != ItemKind::none && l.kind != ItemKind::other; };
      if (alignable(lines_[begin])) {
        while (end < lines_.size() && alignable(lines_[end]) && !lines_[end].blank_before &&
               lines_[end].kind == lines_[begin].kind && lines_[end].indent == lines_[begin].indent)
          ++end;
        pad_cells(begin, end);
      }
      begin = end;
    }
  }

  void pad_cells(size_t begin, size_t end) {
    std::vector<size_t> widths;
    for (size_t i = begin; i < end; ++i) {
      const std::vector<std::string>& cells = lines_[i].cells;
      for (size_t c = 0; c + 1 < cells.size(); ++c) {
        if (widths.size() <= c) widths.resize(c + 1, 0);
        widths[c] = std::max(widths[c], display_width(cells[c]));
      }
    }
    for (size_t i = begin; i < end; ++i) {
      std::vector<std::string>& cells = lines_[i].cells;
      for (size_t c = 0; c + 1 < cells.size(); ++c) cells[c].append(widths[c] - display_width(cells[c]), ' ');
    }
  }

  static std::string code_of(const Line& line) {
    std::string code;
    for (size_t c = 0; c < line.cells.size(); ++c) code += (c ? " " : "") + line.cells[c];
    return code;
  }

  // Trailing comments of neighbouring lines start in one column.
  void align_comments() {
    comment_columns_.assign(lines_.size(), 0);
    for (size_t begin = 0; begin < lines_.size();) {
      size_t end = begin + 1;
      auto trailing = [](const Line& l) { return !l.comment_only && !l.comment.empty(); };
      if (trailing(lines_[begin])) {
        while (end < lines_.size() && trailing(lines_[end]) && !lines_[end].blank_before) ++end;
        size_t column = 0;
        for (size_t i = begin; i < end; ++i)
          column = std::max(column, lines_[i].indent + display_width(code_of(lines_[i])));
        for (size_t i = begin; i < end; ++i) comment_columns_[i] = column + 1;
      }
      begin = end;
    }
  }

  std::string render() const {
    std::string out;
    if (text_.substr(0, kBom.size()) == kBom) out += kBom;
    for (size_t i = 0; i < lines_.size(); ++i) {
      const Line& line = lines_[i];
      if (line.blank_before) out += '\n';
      std::string content = line.comment_only ? line.comment : code_of(line);
      out.append(static_cast<size_t>(line.indent), ' ');
      out += content;
      if (!line.comment_only && !line.comment.empty()) {
        size_t at = line.indent + display_width(content);
        out.append(comment_columns_[i] > at ? comment_columns_[i] - at : 1, ' ');
        out += line.comment;
      }
      out += '\n';
    }
    return out;
  }

  std::string_view text_;
  const std::vector<SourceToken>& tokens_;
  std::vector<Line> lines_;
  std::vector<PendingComment> pending_;
  std::vector<OpenBracket> brackets_;
  std::vector<size_t> comment_columns_;
  const SourceToken* previous_ = nullptr;
  int depth_ = 0;
  int item_indent_ = 0;
  size_t item_line_ = SIZE_MAX;
  int width_ = 0;                   // display columns of the last line so far
  bool awaiting_content_ = false;   // a bracket was just opened on the last line
  bool since_code_break_ = false;   // the source breaks the line since the last code token
};

}  // namespace

std::string_view comment_text(std::string_view comment) {
  while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t' || comment.back() == '\f' ||
                              comment.back() == '\v'))
    comment.remove_suffix(1);
  return comment;
}

std::string lay_out(std::string_view text, const std::vector<SourceToken>& tokens) {
  return Layout(text, tokens).run();
}

}  // namespace fides::format
