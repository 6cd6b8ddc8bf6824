// Every diagnostic message and phrase has a Chinese text that takes the same
// arguments as the English one, so no message can ship half translated and
// no format can fail at run time in one language only.
#include <doctest/doctest.h>
#include <fmt/args.h>

#include <set>
#include <string>
#include <utility>

#include "diag/diagnostic.h"
#include "diag/phrase.h"

namespace {

using fides::Lang;

// The replacement fields of an fmt format string as (argument index, format
// spec), automatic numbering resolved; `valid` false on a stray brace.
struct Fields {
  std::set<std::pair<int, std::string>> fields;
  bool valid = true;
};

Fields fields_of(std::string_view f) {
  Fields out;
  int next = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] == '}') {
      if (i + 1 < f.size() && f[i + 1] == '}') ++i;
      else out.valid = false;
      continue;
    }
    if (f[i] != '{') continue;
    if (i + 1 < f.size() && f[i + 1] == '{') {
      ++i;
      continue;
    }
    size_t close = f.find('}', i);
    if (close == std::string_view::npos) {
      out.valid = false;
      break;
    }
    std::string_view field = f.substr(i + 1, close - i - 1);
    size_t colon = field.find(':');
    std::string_view id = field.substr(0, colon);
    std::string spec(colon == std::string_view::npos ? "" : field.substr(colon));
    int index = id.empty() ? next++ : std::stoi(std::string(id));
    out.fields.emplace(index, spec);
    i = close;
  }
  return out;
}

bool has_chinese(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0xE4 && static_cast<unsigned char>(s[i]) <= 0xE9) return true;
  return false;
}

// Formats `f` with a sample argument per field (a number where the spec
// asks for one): throws fmt::format_error when fmt cannot.
std::string sample(std::string_view f) {
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  int count = 0;
  for (const auto& [index, spec] : fields_of(f).fields) count = std::max(count, index + 1);
  for (int i = 0; i < count; ++i) {
    bool numeric = false;
    for (const auto& [index, spec] : fields_of(f).fields)
      numeric = numeric || (index == i && spec.find_first_of("dxX") != std::string::npos);
    if (numeric) args.push_back(42);
    else args.push_back(std::string("x"));
  }
  return fmt::vformat(f, args);
}

void check_pair(std::string_view name, std::string_view en, std::string_view zh, bool may_read_the_same) {
  CAPTURE(name);
  CAPTURE(en);
  CAPTURE(zh);
  Fields e = fields_of(en), z = fields_of(zh);
  CHECK(e.valid);
  CHECK(z.valid);
  CHECK_MESSAGE(e.fields == z.fields, "the Chinese text must take the same arguments as the English one");
  for (size_t i = 0; i < e.fields.size(); ++i)
    CHECK_MESSAGE(std::any_of(e.fields.begin(), e.fields.end(), [&](const auto& f) { return f.first == int(i); }),
                  "argument " << i << " is never used");
  CHECK_NOTHROW(sample(en));
  CHECK_NOTHROW(sample(zh));
  if (!may_read_the_same) CHECK_MESSAGE(has_chinese(zh), "no Chinese text: a missing translation");
}

}  // namespace

TEST_CASE("every diagnostic has a Chinese message with the English one's arguments") {
  REQUIRE(fides::diag_kind_count() > 100);
  for (size_t k = 0; k < fides::diag_kind_count(); ++k) {
    auto kind = static_cast<fides::DiagKind>(k);
    check_pair(fides::diag_code(kind), fides::diag_format(kind, Lang::en), fides::diag_format(kind, Lang::zh),
               false);
  }
}

TEST_CASE("every phrase has a Chinese text with the English one's arguments") {
  // Code words and pure layout read the same in both languages.
  const std::set<std::string_view> same = {"decl_let", "decl_def", "named", "block_grade", "block_bins",
                                           "block_given"};
  REQUIRE(fides::phrase_count() > 100);
  for (size_t p = 0; p < fides::phrase_count(); ++p) {
    auto phrase = static_cast<fides::Phrase>(p);
    std::string_view name = fides::phrase_name(phrase);
    bool identical = fides::phrase_format(phrase, Lang::en) == fides::phrase_format(phrase, Lang::zh);
    if (same.count(name)) CHECK_MESSAGE(identical, name << " is listed as reading the same in both languages");
    check_pair(name, fides::phrase_format(phrase, Lang::en), fides::phrase_format(phrase, Lang::zh),
               same.count(name) || std::string_view(name).starts_with("list_"));
  }
}

TEST_CASE("the field check sees reordered, repeated and missing arguments") {
  CHECK(fields_of("a {} b {}").fields == fields_of("{1} c {0}").fields);
  CHECK(fields_of("{} {:04X}").fields != fields_of("{} {}").fields);
  CHECK(fields_of("{0} {1}").fields == fields_of("{1} {0} {1}").fields);
  CHECK(fields_of("{} {} {}").fields != fields_of("{0} {2}").fields);
  CHECK(fields_of("literal {{}} braces").fields.empty());
  CHECK_FALSE(fields_of("stray } brace").valid);
}

TEST_CASE("arguments that are phrases appear in the language being formatted") {
  fides::Localized text = fides::say(fides::Phrase::verb_used_as, fides::say(fides::Phrase::place_amount));
  CHECK(text.en == "used as the amount");
  CHECK(text.zh == "用作金额");
  fides::Localized joined = fides::join_alternatives(
      {fides::say(fides::Phrase::token_expression), fides::Localized::same("')'"), fides::Localized::same("','")});
  CHECK(joined.en == "an expression, ')' or ','");
  CHECK(joined.zh == "表达式、')' 或 ','");
  CHECK(fides::quoted_list({"a", "b"}).zh == "'a'、'b'");
}
