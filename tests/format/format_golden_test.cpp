// Golden tests of `fides fmt`: every cases/NAME.fides is laid out and compared
// with cases/NAME.expected (the file in the canonical layout; for fail_*
// cases, the diagnostics). With FIDES_UPDATE_GOLDEN=1 the .expected files are
// rewritten from what fmt does now, to be reviewed as a diff.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "format/format_source.h"
#include "golden_file.h"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) { return fides::test::read_text_file(path.string()); }

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(FIDES_FORMAT_CASES))
    if (e.path().extension() == ".fides") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every case gives its expected layout, or its expected errors") {
  auto all = cases();
  REQUIRE(all.size() >= 10);
  for (const fs::path& input : all) {
    CAPTURE(input.filename().string());
    bool must_fail = input.filename().string().rfind("fail_", 0) == 0;
    fides::format::FormatOutcome outcome = fides::format::format_source(input.filename().string(), read_file(input));
    CHECK_MESSAGE(outcome.text.has_value() != must_fail, outcome.errors);
    std::string got = outcome.text ? *outcome.text : outcome.errors;
    fs::path expected_path = fs::path(input).replace_extension(".expected");
    if (fides::test::updating_golden()) {
      std::ofstream(expected_path, std::ios::binary) << got;
      continue;
    }
    std::string expected = read_file(expected_path);
    CHECK_MESSAGE(got == expected, "differs from " << expected_path.string()
                                                   << " (FIDES_UPDATE_GOLDEN=1 rewrites it)\n--- got:\n"
                                                   << got << "--- expected:\n" << expected);
  }
}

TEST_CASE("the layout is idempotent: an expected layout is its own layout") {
  for (const fs::path& input : cases()) {
    if (input.filename().string().rfind("fail_", 0) == 0) continue;
    CAPTURE(input.filename().string());
    std::string once = read_file(fs::path(input).replace_extension(".expected"));
    fides::format::FormatOutcome twice = fides::format::format_source(input.filename().string(), once);
    REQUIRE_MESSAGE(twice.text.has_value(), twice.errors);
    CHECK(*twice.text == once);
  }
}

TEST_CASE("the example of the reference's Layout section is what fmt does") {
  std::string doc = read_file(FIDES_LANGUAGE_REFERENCE);
  size_t section = doc.find("\n## Layout\n");
  REQUIRE(section != std::string::npos);
  auto block = [&](const std::string& fence) {
    size_t open = doc.find("\n```" + fence + "\n", section);
    REQUIRE(open != std::string::npos);
    size_t begin = open + fence.size() + 5;
    size_t end = doc.find("```\n", begin);
    REQUIRE(end != std::string::npos);
    return doc.substr(begin, end - begin);
  };
  fides::format::FormatOutcome outcome = fides::format::format_source("example.fides", block("text"));
  REQUIRE_MESSAGE(outcome.text.has_value(), outcome.errors);
  CHECK(*outcome.text == block("fides"));
}
