#include "driver/test_command.h"

#include <fmt/format.h>

#include <string>

#include "driver/pack_builder.h"
#include "driver/pack_tests.h"
#include "host/pack_library.h"
#include "interp/interpreter.h"
#include "interp/pack_view.h"

namespace fides::driver {

int run_test(const std::vector<std::string_view>& args) {
  std::string main_path, cpu = "x86-64-v2", error;
  CompileOptions compile;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (take_compile_option(args, i, compile, error)) {
      if (!error.empty()) {
        fmt::print(stderr, "fides test: {}\n", error);
        return 2;
      }
    } else if (a == "--cpu" && i + 1 < args.size()) cpu = args[++i];
    else if (main_path.empty() && !a.empty() && a[0] != '-') main_path = a;
    else {
      fmt::print(stderr, "fides test: unexpected '{}'\nusage: fides test MAIN.fides [--cpu NAME] [--stdlib DIR] [--allow-path DIR]…\n", a);
      return 2;
    }
  }
  if (main_path.empty()) {
    fmt::print(stderr, "usage: fides test MAIN.fides [--cpu NAME] [--stdlib DIR] [--allow-path DIR]…\n");
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
  auto outcomes = run_pack_tests_agreeing(pack->plan, host::evaluator_of(*library.descriptor()),
                                          interp::make_evaluator(pack->plan, view));
  size_t passed = 0, failed = 0, expectations = 0;
  for (const TestOutcome& t : outcomes) {
    expectations += t.expectations;
    if (t.failures.empty()) {
      ++passed;
      fmt::print("ok      {}\n", t.name);
      continue;
    }
    ++failed;
    fmt::print("FAILED  {}\n", t.name);
    for (const std::string& f : t.failures) fmt::print("        {}\n", f);
  }
  std::vector<std::string> uncovered = untested(pack->plan);
  if (!uncovered.empty()) {
    std::string list;
    for (const std::string& u : uncovered) list += (list.empty() ? "" : ", ") + u;
    fmt::print("not covered by any test: {}\n", list);
  }
  fmt::print("{} tests, {} expectations, each run natively and by the interpreter\n", outcomes.size(),
             expectations);
  fmt::print("{} passed, {} failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace fides::driver
