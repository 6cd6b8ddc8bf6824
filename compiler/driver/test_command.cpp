#include "driver/test_command.h"

#include <fmt/format.h>

#include <string>

#include "driver/pack_builder.h"
#include "driver/pack_tests.h"
#include "driver/test_report.h"
#include "host/pack_library.h"
#include "interp/interpreter.h"
#include "interp/pack_view.h"

namespace fides::driver {

namespace {
constexpr const char* kTestUsage =
    "usage: fides test MAIN.fides [--format text|junit|json] [--cpu NAME] [--stdlib DIR] [--allow-path DIR]…\n";
}  // namespace

int run_test(const std::vector<std::string_view>& args) {
  std::string main_path, cpu = "x86-64-v2", error;
  CompileOptions compile;
  TestReportFormat format = TestReportFormat::text;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (take_compile_option(args, i, compile, error)) {
      if (!error.empty()) {
        fmt::print(stderr, "fides test: {}\n", error);
        return 2;
      }
    } else if (a == "--cpu" && i + 1 < args.size()) cpu = args[++i];
    else if (a == "--format" && i + 1 < args.size()) {
      if (!parse_test_report_format(args[++i], format)) {
        fmt::print(stderr, "fides test: --format takes 'text', 'junit' or 'json', not '{}'\n", args[i]);
        return 2;
      }
    } else if (main_path.empty() && !a.empty() && a[0] != '-') main_path = a;
    else {
      fmt::print(stderr, "fides test: unexpected '{}'\n{}", a, kTestUsage);
      return 2;
    }
  }
  if (main_path.empty()) {
    fmt::print(stderr, "{}", kTestUsage);
    return 2;
  }
  auto pack = check_and_lower(main_path, compile);
  if (!pack) return 1;
  std::string library_path = cached_library(*pack, cpu);
  if (library_path.empty()) return 1;
  host::PackLibrary library;
  if (!library.open(library_path, error)) {
    fmt::print(stderr, "fides test: error: {}\n", error);
    return 1;
  }
  interp::PackView view(pack->plan.description);
  TestReport report;
  report.pack_name = pack->plan.description.name;
  report.pack_version = pack->plan.description.version;
  report.outcomes = run_pack_tests_agreeing(pack->plan, host::evaluator_of(*library.descriptor()),
                                            interp::make_evaluator(pack->plan, view));
  report.uncovered = untested(pack->plan);
  fmt::print("{}", render_test_report(report, format, pack->front_end->sources));
  for (const TestOutcome& t : report.outcomes)
    if (!t.failures.empty()) return 1;
  return 0;
}

}  // namespace fides::driver
