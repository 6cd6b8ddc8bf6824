// The `test` blocks of real packs as an oracle for the interpreter: the
// driver's test runner loads each test's `given` rows and checks every `expect`.
#include <doctest/doctest.h>

#include <filesystem>

#include "driver/pack_tests.h"
#include "interp_support.h"

using namespace fides;
using namespace fides::interp::testing;

namespace {

// Runs every test of the pack at `main` with the interpreter; one line per failure.
std::vector<std::string> run_pack_tests(const std::string& main, size_t& expectations) {
  auto front = driver::run_front_end(main, FIDES_STDLIB_DIR);
  REQUIRE(front->program);
  std::string diags;
  for (const Diagnostic& d : front->diags.sorted())
    if (d.level == DiagLevel::error) diags += render_text(d, front->sources);
  INFO(diags);
  REQUIRE(!front->diags.has_errors());
  lower::Plan plan = lower::lower(*front->program, front->sources, lower::LowerOptions{"fides 0.1.0"});
  interp::PackView view(plan.description);
  std::vector<std::string> failures;
  for (const driver::TestOutcome& t : driver::run_pack_tests(plan, interp::make_evaluator(plan, view))) {
    expectations += t.expectations;
    for (const driver::TestFailure& f : t.failures) failures.push_back(t.name + ": " + f.message);
  }
  return failures;
}

}  // namespace

TEST_CASE("the example pack's own tests pass under the interpreter") {
  size_t n = 0;
  auto failures = run_pack_tests(std::string(FIDES_SOURCE_DIR) + "/examples/hunan/main.fides", n);
  MESSAGE(n << " expectations checked");
  CHECK(n > 0);
  CHECK(failures == std::vector<std::string>{});
}

TEST_CASE("the tests of the checker's ok_ packs pass under the interpreter") {
  namespace fs = std::filesystem;
  std::vector<std::string> all;
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(std::string(FIDES_SOURCE_DIR) + "/tests/check")) {
    std::string name = entry.path().filename().string();
    if (name.rfind("ok_", 0) != 0) continue;
    std::string main = entry.is_directory() ? entry.path().string() + "/main.fides" : entry.path().string();
    if (!fs::exists(main) || main.size() < 6 || main.substr(main.size() - 6) != ".fides") continue;
    for (auto& f : run_pack_tests(main, n)) all.push_back(name + ": " + f);
  }
  MESSAGE(n << " expectations checked");
  CHECK(all == std::vector<std::string>{});
}
