// Runs every case of tests/check, in English (.expected) and Chinese
// (.zh.expected). With FIDES_UPDATE_GOLDEN=1 the expected files are rewritten
// from what the compiler says now, to be reviewed as a diff.
#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <utility>

#include "diag/diagnostic.h"
#include "generated_cases.h"
#include "golden_file.h"
#include "golden_cases.h"

namespace {

struct InCheckDir {
  InCheckDir() { REQUIRE(chdir(FIDES_CHECK_DIR) == 0); }
};

// The committed cases, then the generated ones (generated_cases.h).
std::vector<fides::golden::Case> all_cases(const fides::golden::GeneratedCases& generated) {
  auto cases = fides::golden::find_cases(".");
  cases.insert(cases.end(), generated.cases().begin(), generated.cases().end());
  return cases;
}

}  // namespace

TEST_CASE("every golden case gives its expected diagnostics") {
  InCheckDir here;
  fides::golden::GeneratedCases generated;
  auto cases = all_cases(generated);
  REQUIRE(cases.size() >= 70);
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto outcome = fides::golden::run_case(c, FIDES_STDLIB_DIR);
    if (!c.must_fail) {
      CHECK_MESSAGE(outcome.text.empty(), "a valid pack reported:\n" << outcome.text);
      continue;
    }
    CHECK_MESSAGE(outcome.errors > 0, "a fail_ case checked cleanly");
    for (const auto& [path, text] :
         {std::pair{c.expected_path, outcome.text}, std::pair{c.expected_zh_path, outcome.text_zh}}) {
      if (fides::test::updating_golden()) {
        std::ofstream(path, std::ios::binary) << text;
        continue;
      }
      std::string expected = fides::test::read_text_file(path);
      CHECK_MESSAGE(text == expected, "diagnostics differ from " << path
                                          << " (FIDES_UPDATE_GOLDEN=1 rewrites it)\n--- got:\n"
                                          << text << "--- expected:\n" << expected);
    }
  }
}

TEST_CASE("every diagnostic code is exercised by some golden case") {
  InCheckDir here;
  std::set<std::string> seen;
  fides::golden::GeneratedCases generated;
  for (const auto& c : all_cases(generated)) {
    for (auto& code : fides::golden::run_case(c, FIDES_STDLIB_DIR).codes) seen.insert(code);
  }
  // E0024 is reported only if the parser throws where it never should: a
  // safety net against a bug, which no input is known to reach.
  const std::set<std::string> internal_only = {"E0024"};
  for (size_t k = 0; k < fides::diag_kind_count(); ++k) {
    auto kind = static_cast<fides::DiagKind>(k);
    if (internal_only.count(std::string(fides::diag_code(kind)))) continue;
    CHECK_MESSAGE(seen.count(std::string(fides::diag_code(kind))),
                  "no golden case exercises " << fides::diag_code(kind) << " ("
                                              << fides::diag_name(kind) << ")");
  }
}
