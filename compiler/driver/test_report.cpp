#include "driver/test_report.h"

#include <fmt/format.h>

#include "data/utf8.h"
#include "host/run_json.h"

namespace fides::driver {
namespace {

struct Totals {
  size_t passed = 0, failed = 0, expectations = 0;
};

Totals totals(const TestReport& r) {
  Totals t;
  for (const TestOutcome& o : r.outcomes) {
    (o.failures.empty() ? t.passed : t.failed) += 1;
    t.expectations += o.expectations;
  }
  return t;
}

struct Where {
  std::string file;
  uint32_t line = 0, column = 0;
};

Where where(Span at, const SourceManager& sources) {
  if (!at.file.valid()) return {};
  LineColumn lc = sources.position(at.file, at.begin);
  return {sources.path(at.file), lc.line, lc.column};
}

std::string located(const TestFailure& f, const SourceManager& sources) {
  Where w = where(f.at, sources);
  return w.file.empty() ? f.message : fmt::format("{}:{}:{}: {}", w.file, w.line, w.column, f.message);
}

std::string text_report(const TestReport& r) {
  std::string out;
  for (const TestOutcome& t : r.outcomes) {
    if (t.failures.empty()) {
      out += fmt::format("ok      {}\n", t.name);
      continue;
    }
    out += fmt::format("FAILED  {}\n", t.name);
    for (const TestFailure& f : t.failures) out += fmt::format("        {}\n", f.message);
  }
  if (!r.uncovered.empty()) out += fmt::format("not covered by any test: {}\n", fmt::join(r.uncovered, ", "));
  Totals n = totals(r);
  out += fmt::format("{} tests, {} expectations, each run natively and by the interpreter\n", r.outcomes.size(),
                     n.expectations);
  out += fmt::format("{} passed, {} failed\n", n.passed, n.failed);
  return out;
}

// Text for an XML attribute or element: the five special characters and
// line breaks as references, the control characters XML 1.0 cannot hold as
// \u{…}.
std::string xml(std::string_view in) {
  std::string s = data::utf8_valid(in) ? std::string(in) : data::utf8_repair(in);
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (c < 0x20 || c == 0x7F) out += fmt::format("\\u{{{:X}}}", c);
        else out += static_cast<char>(c);
    }
  }
  return out;
}

// One <testsuite> for the pack. A failed test case has one <failure>: its
// message is the first failed expectation with where it is, its body every one.
std::string junit_report(const TestReport& r, const SourceManager& sources) {
  Totals n = totals(r);
  std::string suite = xml(r.pack_name + " " + r.pack_version);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", suite, r.outcomes.size(),
                     n.failed);
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n", suite,
                     r.outcomes.size(), n.failed);
  for (const TestOutcome& t : r.outcomes) {
    Where w = where(t.span, sources);
    out += fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\"", xml(t.name), xml(w.file),
                       xml(w.file), w.line);
    if (t.failures.empty()) {
      out += "/>\n";
      continue;
    }
    std::string body;
    for (const TestFailure& f : t.failures) body += xml(located(f, sources)) + "\n";
    out += fmt::format(">\n      <failure message=\"{}\">\n{}      </failure>\n    </testcase>\n",
                       xml(located(t.failures.front(), sources)), body);
  }
  if (!r.uncovered.empty())
    out += fmt::format("    <system-out>not covered by any test: {}</system-out>\n",
                       xml(fmt::format("{}", fmt::join(r.uncovered, ", "))));
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

std::string json_where(Span at, const SourceManager& sources) {
  Where w = where(at, sources);
  return fmt::format("\"file\":{},\"line\":{},\"column\":{}", host::json_string(w.file), w.line, w.column);
}

// One object; each test on a line of its own so that a diff shows which changed.
std::string json_report(const TestReport& r, const SourceManager& sources) {
  Totals n = totals(r);
  std::string out = fmt::format("{{\"pack\":{},\"version\":{},\"tests\":[\n", host::json_string(r.pack_name),
                                host::json_string(r.pack_version));
  for (size_t i = 0; i < r.outcomes.size(); ++i) {
    const TestOutcome& t = r.outcomes[i];
    std::string failures;
    for (const TestFailure& f : t.failures)
      failures += fmt::format("{}{{\"message\":{},{}}}", failures.empty() ? "" : ",", host::json_string(f.message),
                              json_where(f.at, sources));
    out += fmt::format("{{\"name\":{},{},\"passed\":{},\"expectations\":{},\"failures\":[{}]}}{}\n",
                       host::json_string(t.name), json_where(t.span, sources), t.failures.empty(), t.expectations,
                       failures, i + 1 < r.outcomes.size() ? "," : "");
  }
  std::string uncovered;
  for (const std::string& u : r.uncovered) uncovered += (uncovered.empty() ? "" : ",") + host::json_string(u);
  out += fmt::format("],\"not_covered\":[{}],\"passed\":{},\"failed\":{},\"expectations\":{}}}\n", uncovered,
                     n.passed, n.failed, n.expectations);
  return out;
}

}  // namespace

bool parse_test_report_format(std::string_view name, TestReportFormat& format) {
  if (name == "text") format = TestReportFormat::text;
  else if (name == "junit") format = TestReportFormat::junit;
  else if (name == "json") format = TestReportFormat::json;
  else return false;
  return true;
}

std::string render_test_report(const TestReport& report, TestReportFormat format, const SourceManager& sources) {
  switch (format) {
    case TestReportFormat::junit: return junit_report(report, sources);
    case TestReportFormat::json: return json_report(report, sources);
    case TestReportFormat::text: break;
  }
  return text_report(report);
}

}  // namespace fides::driver
