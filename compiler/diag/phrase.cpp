#include "diag/phrase.h"

#include <array>

namespace fides {
namespace {

struct PhraseInfo {
  std::string_view name, en, zh;
};

constexpr std::array kPhrases = {
#define PHRASE(name, en, zh) PhraseInfo{#name, en, zh},
#include "diag/phrases.def"
#undef PHRASE
};
static_assert(kPhrases.size() == static_cast<size_t>(Phrase::count_));

void append(Localized& out, const Localized& part) {
  out.en += part.en;
  out.zh += part.zh;
}

}  // namespace

std::string_view phrase_name(Phrase p) { return kPhrases[static_cast<size_t>(p)].name; }

std::string_view phrase_format(Phrase p, Lang lang) {
  const PhraseInfo& info = kPhrases[static_cast<size_t>(p)];
  return lang == Lang::zh ? info.zh : info.en;
}

size_t phrase_count() { return kPhrases.size(); }

Localized join_alternatives(const std::vector<Localized>& items, bool more) {
  Localized out;
  for (size_t i = 0; i < items.size(); ++i) {
    bool last = i + 1 == items.size() && !more;
    if (i > 0) append(out, say(last ? Phrase::list_last_separator : Phrase::list_separator));
    append(out, items[i]);
  }
  if (more) append(out, say(Phrase::list_more));
  return out;
}

Localized quoted_list(const std::vector<std::string>& names) {
  Localized out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) append(out, say(Phrase::list_separator));
    append(out, Localized::same("'" + names[i] + "'"));
  }
  return out;
}

}  // namespace fides
