// Diagnostics: every user mistake the compiler reports, with a stable code
// from the registry (kinds_*.def), a span, and optional notes and help.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "support/source_manager.h"

namespace fides {

enum class DiagKind : uint16_t {
#define DIAG(code, name, format) name,
#include "diag/kinds_syntax.def"
#include "diag/kinds_sema.def"
#undef DIAG
  count_
};

enum class DiagLevel : uint8_t { error, warning };

struct DiagNote {
  Span span;  // may be invalid (file not set) for a note without a location
  std::string message;
};

struct Diagnostic {
  DiagKind kind;
  DiagLevel level = DiagLevel::error;
  Span span;
  std::string message;
  std::string help;  // what to do, e.g. "did you mean 'gender'?"
  std::vector<DiagNote> notes;

  Diagnostic& with_help(std::string h) { help = std::move(h); return *this; }
  Diagnostic& with_note(Span s, std::string m) { notes.push_back({s, std::move(m)}); return *this; }
};

// The registry's view of a kind.
std::string_view diag_code(DiagKind k);      // "E0201"
std::string_view diag_name(DiagKind k);      // "unknown_field"
std::string_view diag_format(DiagKind k);    // fmt format string of the message
size_t diag_kind_count();

class Diagnostics {
 public:
  template <class... Args>
  Diagnostic& error(DiagKind kind, Span span, Args&&... args) {
    return add(kind, DiagLevel::error, span,
               fmt::format(fmt::runtime(diag_format(kind)), std::forward<Args>(args)...));
  }
  template <class... Args>
  Diagnostic& warning(DiagKind kind, Span span, Args&&... args) {
    return add(kind, DiagLevel::warning, span,
               fmt::format(fmt::runtime(diag_format(kind)), std::forward<Args>(args)...));
  }

  bool has_errors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  // In a stable order: by file registration order, then position, then report order.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& all() const { return diags_; }

 private:
  Diagnostic& add(DiagKind kind, DiagLevel level, Span span, std::string message);
  std::vector<Diagnostic> diags_;
  size_t error_count_ = 0;
};

// "file:line:col: error[E0201]: message", the source line, a caret under the span,
// then help and notes.
std::string render_text(const Diagnostic& d, const SourceManager& sm);
// One JSON object on one line, for editors and CI.
std::string render_json(const Diagnostic& d, const SourceManager& sm);

// "did you mean" support: the closest candidate within a small edit distance, or "".
std::string closest_name(std::string_view wrong, const std::vector<std::string>& candidates);

}  // namespace fides
