// Golden cases whose inputs cannot be committed: a source over 16 MiB, a table
// over 256 MiB (both sparse files) and a FIFO. They are written into a fresh
// folder under the system temp folder when the test runs and removed after;
// their expected diagnostics are committed in generated/<name>.expected.
#pragma once

#include <filesystem>
#include <vector>

#include "golden_cases.h"

namespace fides::golden {

class GeneratedCases {
 public:
  GeneratedCases();
  ~GeneratedCases();
  GeneratedCases(const GeneratedCases&) = delete;
  GeneratedCases& operator=(const GeneratedCases&) = delete;

  const std::vector<Case>& cases() const { return cases_; }

 private:
  std::filesystem::path root_;
  std::vector<Case> cases_;
};

}  // namespace fides::golden
