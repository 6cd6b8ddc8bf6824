#include "driver/explain_command.h"

#include <fmt/format.h>

#include <cctype>
#include <cstddef>
#include <string>

#include "diag/phrase.h"
#include "driver/compile_options.h"

// docs/language.md and its Chinese twin docs/language.zh.md, embedded by
// fides_embed_file (compiler/driver/CMakeLists.txt), so the reference is the
// one source of every explanation.
extern const unsigned char fides_language_reference[];
extern const std::size_t fides_language_reference_size;
extern const unsigned char fides_language_reference_zh[];
extern const std::size_t fides_language_reference_zh_size;

namespace fides::driver {
namespace {

bool is_fence(std::string_view line) { return line.starts_with("```"); }

// A heading of level 1 to 3 ends a diagnostic's entry; deeper headings belong to it.
bool ends_entry(std::string_view line) {
  return line.starts_with("# ") || line.starts_with("## ") || line.starts_with("### ");
}

bool is_entry_heading(std::string_view line, std::string_view code) {
  std::string_view prefix = "### ";
  if (!line.starts_with(prefix)) return false;
  line.remove_prefix(prefix.size());
  if (!line.starts_with(code)) return false;
  line.remove_prefix(code.size());
  return line.empty() || line[0] == ' ';
}

// Well-formed codes are `E` and four digits; `e0104` is accepted as E0104.
std::optional<std::string> normalized_code(std::string_view text) {
  if (text.size() != 5 || (text[0] != 'E' && text[0] != 'e')) return std::nullopt;
  for (char c : text.substr(1))
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  std::string code(text);
  code[0] = 'E';
  return code;
}

}  // namespace

std::string_view language_reference(Lang lang) {
  if (lang == Lang::zh)
    return {reinterpret_cast<const char*>(fides_language_reference_zh), fides_language_reference_zh_size};
  return {reinterpret_cast<const char*>(fides_language_reference), fides_language_reference_size};
}

std::optional<std::string_view> reference_entry(std::string_view reference, std::string_view code) {
  bool in_fence = false;
  std::size_t start = std::string_view::npos;
  std::size_t pos = 0;
  while (pos < reference.size()) {
    std::size_t eol = reference.find('\n', pos);
    std::size_t next = eol == std::string_view::npos ? reference.size() : eol + 1;
    std::string_view line = reference.substr(pos, next - pos);
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (is_fence(line)) {
      in_fence = !in_fence;
    } else if (!in_fence && start != std::string_view::npos && ends_entry(line)) {
      break;
    } else if (!in_fence && start == std::string_view::npos && is_entry_heading(line, code)) {
      start = pos;
    }
    pos = next;
  }
  if (start == std::string_view::npos) return std::nullopt;
  std::string_view entry = reference.substr(start, pos - start);
  while (entry.ends_with("\n\n")) entry.remove_suffix(1);
  return entry;
}

int run_explain(const std::vector<std::string_view>& args) {
  Lang lang = lang_from_environment();
  std::vector<std::string_view> codes;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string error;
    if (!take_lang_option(args, i, lang, error)) {
      codes.push_back(args[i]);
    } else if (!error.empty()) {
      fmt::print(stderr, "fides explain: {}\n", error);
      return 2;
    }
  }
  if (codes.size() != 1) {
    fmt::print(stderr, "usage: fides explain [--lang zh|en] E0xxx\n");
    return 2;
  }
  std::optional<std::string> code = normalized_code(codes[0]);
  if (!code) {
    fmt::print(stderr, "fides explain: {}\n", say(Phrase::explain_not_a_code, codes[0]).in(lang));
    return 2;
  }
  std::optional<std::string_view> entry = reference_entry(language_reference(lang), *code);
  if (!entry) {
    fmt::print(stderr, "fides explain: {}\n", say(Phrase::explain_unknown_code, *code).in(lang));
    return 2;
  }
  fmt::print("{}", *entry);
  return 0;
}

}  // namespace fides::driver
