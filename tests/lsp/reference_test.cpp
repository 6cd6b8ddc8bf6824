// Hovers show the language reference's rows for every built-in function and
// aggregate, in English and in Chinese.
#include <doctest/doctest.h>

#include <string>

#include "file_text.h"
#include "lsp/reference.h"
#include "sema/builtins.h"

using fides::lsp::reference_rows;
using fides::test::file_text;

TEST_CASE("every built-in function and aggregate has rows in both references") {
  for (const char* file : {"language.md", "language.zh.md"}) {
    std::string reference = file_text(std::string(FIDES_DOCS_DIR) + "/" + file);
    REQUIRE(!reference.empty());
    for (const auto& b : fides::sema::all_builtins()) {
      INFO(file, ": ", std::string(b.name));
      std::string rows = reference_rows(reference, b.name);
      CHECK(rows.find("`" + std::string(b.name) + "(") != std::string::npos);
      CHECK(rows.rfind("**", 0) == 0);  // under its section's heading
    }
    for (const char* aggregate : {"count", "exists", "sum", "min", "max", "avg", "first", "last", "median",
                                  "percentile", "stddev"}) {
      INFO(file, ": ", aggregate);
      CHECK(!reference_rows(reference, aggregate).empty());
    }
  }
}

TEST_CASE("rows come with their heading and table header; fenced code is skipped") {
  std::string reference =
      "## Text\n\n| function | result |\n| --- | --- |\n| `len(t: text)` | `int` |\n| `upper(t)` | `text` |\n\n"
      "```fides\n| `len(x)` | not a table |\n```\n"
      "### More\n| f | r |\n| --- | --- |\n| `max(a, b)`, `len(x \\| y)` | a |\n";
  CHECK(reference_rows(reference, "len") ==
        "**Text**\n\n| function | result |\n| --- | --- |\n| `len(t: text)` | `int` |\n\n"
        "**More**\n\n| f | r |\n| --- | --- |\n| `max(a, b)`, `len(x \\| y)` | a |\n");
  CHECK(reference_rows(reference, "nothing") == "");
  CHECK(reference_rows("", "len") == "");
  CHECK(reference_rows("| `len(` |\n| --- |", "len") == "");  // a header and no rows
}

TEST_CASE("a function documented in a section of its own: the heading and the first paragraph") {
  std::string reference = "## Sampling: `uniform`\n\n`uniform(key: text)` is\nreproducible.\n\nMore.\n";
  CHECK(reference_rows(reference, "uniform") == "**Sampling: `uniform`**\n\n`uniform(key: text)` is\nreproducible.\n");
}
