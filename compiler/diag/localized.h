// Text a user reads, in every language the compiler speaks (`--lang`).
// Diagnostics carry their message, help and notes in all of them, so one
// check can be shown in any language and the golden tests compare both.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace fides {

enum class Lang : uint8_t { en, zh };

struct Localized {
  std::string en, zh;

  // Text that reads the same in every language: a name, a path, code.
  static Localized same(std::string text) { return {text, text}; }
  const std::string& in(Lang lang) const { return lang == Lang::zh ? zh : en; }
  bool empty() const { return en.empty() && zh.empty(); }
};

namespace detail {
template <class T>
const T& in_lang(const T& value, Lang) { return value; }
inline const std::string& in_lang(const Localized& value, Lang lang) { return value.in(lang); }
}  // namespace detail

// Formats `en` and `zh` (fmt format strings with the same replacement fields,
// see tests/diag/diag_text_test.cpp) with the same arguments; an argument that
// is itself Localized is inserted in the language being formatted.
template <class... Args>
Localized format_localized(std::string_view en, std::string_view zh, const Args&... args) {
  return {fmt::format(fmt::runtime(en), detail::in_lang(args, Lang::en)...),
          fmt::format(fmt::runtime(zh), detail::in_lang(args, Lang::zh)...)};
}

}  // namespace fides
