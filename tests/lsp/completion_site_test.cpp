// Where a completion is asked for: after a dot or not, and where the name typed starts.
#include <doctest/doctest.h>

#include "lsp/completion.h"

using fides::lsp::completion_site;

TEST_CASE("after a dot, with or without part of a name") {
  auto a = completion_site("when l.", 7);
  CHECK((a.after_dot && a.word_start == 7));
  auto b = completion_site("when l.金", 10);
  CHECK((b.after_dot && b.word_start == 7));
  auto c = completion_site("when x?.am", 10);
  CHECK((c.after_dot && c.word_start == 8));
}

TEST_CASE("a name that follows no dot") {
  auto a = completion_site("when amo", 8);
  CHECK((!a.after_dot && a.word_start == 5));
  auto b = completion_site("", 0);
  CHECK((!b.after_dot && b.word_start == 0));
  auto c = completion_site("abc", 99);  // past the end: the end
  CHECK((!c.after_dot && c.word_start == 0));
}
