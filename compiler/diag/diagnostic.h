// Diagnostics: every user mistake the compiler reports, with a stable code
// from the registry (kinds_*.def), a span, and optional notes and help, each
// text in every language of `Lang` (chosen when rendering).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diag/localized.h"
#include "diag/phrase.h"
#include "support/source_manager.h"

namespace fides {

enum class DiagKind : uint16_t {
#define DIAG(code, name, en, zh) name,
#include "diag/kinds_syntax.def"
#include "diag/kinds_sema.def"
#undef DIAG
  count_
};

enum class DiagLevel : uint8_t { error, warning };

struct DiagNote {
  Span span;  // may be invalid (file not set) for a note without a location
  Localized message;
};

struct Diagnostic {
  DiagKind kind;
  DiagLevel level = DiagLevel::error;
  Span span;
  Localized message;
  Localized help;  // what to do, e.g. "did you mean 'gender'?"; empty for none
  std::vector<DiagNote> notes;

  Diagnostic& with_help(Localized h) { help = std::move(h); return *this; }
  Diagnostic& with_note(Span s, Localized m) { notes.push_back({s, std::move(m)}); return *this; }
};

// The registry's view of a kind.
std::string_view diag_code(DiagKind k);              // "E0201"
std::string_view diag_name(DiagKind k);              // "unknown_field"
std::string_view diag_format(DiagKind k, Lang lang);  // fmt format string of the message
size_t diag_kind_count();

// Message arguments are names, numbers and types (the same in every
// language) or Localized phrases (say(), phrase.h).
class Diagnostics {
 public:
  template <class... Args>
  Diagnostic& error(DiagKind kind, Span span, const Args&... args) {
    return add(kind, DiagLevel::error, span,
               format_localized(diag_format(kind, Lang::en), diag_format(kind, Lang::zh), args...));
  }
  template <class... Args>
  Diagnostic& warning(DiagKind kind, Span span, const Args&... args) {
    return add(kind, DiagLevel::warning, span,
               format_localized(diag_format(kind, Lang::en), diag_format(kind, Lang::zh), args...));
  }

  // A diagnostic reported before, again: a file parse kept from an earlier
  // load reports what its parse did (compiler/syntax/parse_cache.h).
  void repeat(const Diagnostic& d);

  bool has_errors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  // In a stable order: by file registration order, then position, then report order.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& all() const { return diags_; }

 private:
  Diagnostic& add(DiagKind kind, DiagLevel level, Span span, Localized message);
  std::vector<Diagnostic> diags_;
  size_t error_count_ = 0;
};

// "file:line:col: error[E0201]: message", the source line, a caret under the span,
// then help and notes; in Chinese "错误[E0201]：…", "提示：…", "说明：…".
std::string render_text(const Diagnostic& d, const SourceManager& sm, Lang lang = Lang::en);
// The words the text form puts before a help line and a note, without the
// indentation: "help: ", "note: "; in Chinese "提示：", "说明：".
std::string_view help_label(Lang lang);
std::string_view note_label(Lang lang);
// One JSON object on one line, for editors and CI: the keys, the severity and
// the code are the same in every language; message and help are in `lang`.
std::string render_json(const Diagnostic& d, const SourceManager& sm, Lang lang = Lang::en);

// "did you mean" support: the closest candidate within a small edit distance, or "".
std::string closest_name(std::string_view wrong, const std::vector<std::string>& candidates);

}  // namespace fides
