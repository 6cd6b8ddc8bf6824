// Running a pack's `test` blocks: each test's `given` rows become the input,
// the pack is evaluated, and every `expect` is checked against what came out.
// `fides test` runs them on the native pack and the interpreter and requires
// both to agree; the interpreter's own test suite runs them as an oracle.
#pragma once

#include <string>
#include <vector>

#include "host/evaluator.h"
#include "lower/plan.h"

namespace fides::driver {

struct TestFailure {
  std::string message;  // `expect hit XB001 on "L1": no finding`
  Span at;              // the expectation that failed, or the test block for other problems
};

struct TestOutcome {
  std::string name;
  Span span;                          // the test block
  std::vector<TestFailure> failures;  // one per failed expectation or problem
  size_t expectations = 0;
};

// Runs every test of the plan's program with `evaluator` (whose descriptor
// must be the plan's). Never throws; problems are failures.
std::vector<TestOutcome> run_pack_tests(const lower::Plan& plan, const host::Evaluator& evaluator);

// The same tests on two evaluators; a test whose findings, scores or errors
// differ between them fails with the first difference.
std::vector<TestOutcome> run_pack_tests_agreeing(const lower::Plan& plan, const host::Evaluator& native,
                                                 const host::Evaluator& interpreted);

// Rules and scorecards no expectation names ("XB003", "scorecard 机构信用").
std::vector<std::string> untested(const lower::Plan& plan);

}  // namespace fides::driver
