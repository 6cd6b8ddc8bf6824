#include "diag/diagnostic.h"

#include <algorithm>
#include <array>

#include "diag/display_width.h"

namespace fides {
namespace {

struct KindInfo {
  std::string_view code, name, en, zh;
};

constexpr std::array kKinds = {
#define DIAG(code, name, en, zh) KindInfo{#code, #name, en, zh},
#include "diag/kinds_syntax.def"
#include "diag/kinds_sema.def"
#undef DIAG
};
static_assert(kKinds.size() == static_cast<size_t>(DiagKind::count_));

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
  }
  out += '"';
}

// Machine-read in JSON; never translated there.
const char* level_name(DiagLevel l) { return l == DiagLevel::error ? "error" : "warning"; }

// The words of the text form around the messages.
struct Frame {
  const char* error;
  const char* warning;
  const char* after_code;  // between "error[E0201]" and the message
  const char* help;
  const char* note;
};
constexpr Frame kEnglish{"error", "warning", ": ", "  help: ", "  note: "};
constexpr Frame kChinese{"错误", "警告", "：", "  提示：", "  说明："};
const Frame& frame(Lang lang) { return lang == Lang::zh ? kChinese : kEnglish; }

// The source line with a caret line under [begin, end) of that line (clipped to it).
void append_snippet(std::string& out, const SourceManager& sm, Span span) {
  LineColumn start = sm.position(span.file, span.begin);
  std::string_view line = sm.line_text(span.file, start.line);
  std::string gutter = fmt::format("{:>5} | ", start.line);
  out += gutter;
  out += printable_source(line);
  out += '\n';
  uint32_t line_begin = span.begin - byte_offset_of_column(line, start.column);
  uint32_t begin_in_line = span.begin - line_begin;
  uint32_t end_in_line = std::min<uint32_t>(std::max(span.end, span.begin) - line_begin, line.size());
  size_t pad = display_width(printable_source(line.substr(0, begin_in_line)));
  size_t width = end_in_line > begin_in_line
                     ? display_width(printable_source(line.substr(begin_in_line, end_in_line - begin_in_line)))
                     : 0;
  out += std::string(gutter.size() - 2, ' ');
  out += "| ";
  out += std::string(pad, ' ');
  out += std::string(std::max<size_t>(width, 1), '^');
  out += '\n';
}

}  // namespace

// The frame's labels without their indentation.
std::string_view help_label(Lang lang) { return std::string_view(frame(lang).help).substr(2); }
std::string_view note_label(Lang lang) { return std::string_view(frame(lang).note).substr(2); }

std::string_view diag_code(DiagKind k) { return kKinds[static_cast<size_t>(k)].code; }
std::string_view diag_name(DiagKind k) { return kKinds[static_cast<size_t>(k)].name; }
std::string_view diag_format(DiagKind k, Lang lang) {
  const KindInfo& info = kKinds[static_cast<size_t>(k)];
  return lang == Lang::zh ? info.zh : info.en;
}
size_t diag_kind_count() { return kKinds.size(); }

Diagnostic& Diagnostics::add(DiagKind kind, DiagLevel level, Span span, Localized message) {
  if (level == DiagLevel::error) ++error_count_;
  diags_.push_back(Diagnostic{kind, level, span, std::move(message), {}, {}});
  return diags_.back();
}

void Diagnostics::repeat(const Diagnostic& d) {
  if (d.level == DiagLevel::error) ++error_count_;
  diags_.push_back(d);
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = diags_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) {
      if (!a.span.file.valid()) return true;  // file-less diagnostics first
      if (!b.span.file.valid()) return false;
      return a.span.file < b.span.file;
    }
    return a.span.begin < b.span.begin;
  });
  return out;
}

std::string render_text(const Diagnostic& d, const SourceManager& sm, Lang lang) {
  const Frame& words = frame(lang);
  std::string out;
  std::string head = fmt::format("{}[{}]{}{}", d.level == DiagLevel::error ? words.error : words.warning,
                                 diag_code(d.kind), words.after_code, d.message.in(lang));
  if (d.span.file.valid()) {
    LineColumn pos = sm.position(d.span.file, d.span.begin);
    out += fmt::format("{}:{}:{}: {}\n", sm.path(d.span.file), pos.line, pos.column, head);
    append_snippet(out, sm, d.span);
  } else {
    out += head + '\n';
  }
  if (!d.help.empty()) out += fmt::format("{}{}\n", words.help, d.help.in(lang));
  for (const DiagNote& n : d.notes) {
    if (n.span.file.valid()) {
      LineColumn pos = sm.position(n.span.file, n.span.begin);
      out += fmt::format("{}{}:{}:{}: {}\n", words.note, sm.path(n.span.file), pos.line, pos.column,
                         n.message.in(lang));
    } else {
      out += fmt::format("{}{}\n", words.note, n.message.in(lang));
    }
  }
  return out;
}

std::string render_json(const Diagnostic& d, const SourceManager& sm, Lang lang) {
  std::string out = "{\"file\":";
  if (d.span.file.valid()) {
    LineColumn b = sm.position(d.span.file, d.span.begin);
    LineColumn e = sm.position(d.span.file, std::max(d.span.end, d.span.begin));
    append_json_string(out, sm.path(d.span.file));
    out += fmt::format(",\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{}", b.line,
                       b.column, e.line, e.column);
  } else {
    out += "null,\"line\":null,\"column\":null,\"end_line\":null,\"end_column\":null";
  }
  out += fmt::format(",\"severity\":\"{}\",\"code\":\"{}\",\"message\":", level_name(d.level),
                     diag_code(d.kind));
  append_json_string(out, d.message.in(lang));
  if (!d.help.empty()) {
    out += ",\"help\":";
    append_json_string(out, d.help.in(lang));
  }
  out += '}';
  return out;
}

namespace {
// Edit distance over code points, a swap of two neighbours counting as one
// edit (optimal string alignment), so that `hihg` still suggests `high`.
size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}
}  // namespace

std::string closest_name(std::string_view wrong, const std::vector<std::string>& candidates) {
  std::u32string w = decode_utf8_lossy(wrong);
  size_t limit = std::max<size_t>(1, w.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    size_t d = edit_distance(w, decode_utf8_lossy(c));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace fides
