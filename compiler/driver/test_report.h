// What `fides test` prints about the outcomes of a pack's test blocks: the
// text a person reads (the default), JUnit XML or JSON for a CI system, each
// test block a test case and each failed expectation with where it is
// (docs/language.md, "Test reports for CI").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "driver/pack_tests.h"
#include "support/source_manager.h"

namespace fides::driver {

enum class TestReportFormat { text, junit, json };

// Reads `text`, `junit` or `json`; false for anything else.
bool parse_test_report_format(std::string_view name, TestReportFormat& format);

struct TestReport {
  std::string pack_name;
  std::string pack_version;
  std::vector<TestOutcome> outcomes;
  std::vector<std::string> uncovered;  // rules and scorecards no expectation names
};

// Deterministic: the same outcomes give the same bytes (no times, no host names).
std::string render_test_report(const TestReport& report, TestReportFormat format, const SourceManager& sources);

}  // namespace fides::driver
