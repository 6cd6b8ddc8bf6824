// Finding and running the golden cases of tests/check.
#pragma once

#include <string>
#include <vector>

namespace fides::golden {

struct Case {
  std::string name;       // "fail_unknown_field"
  std::string main_path;  // relative to the check folder: "fail_x.fides" or "fail_x/main.fides"
  std::string expected_path;     // the diagnostics in English: "fail_x.expected"
  std::string expected_zh_path;  // and in Chinese: "fail_x.zh.expected"
  bool must_fail = false;
  std::string generated_root;  // a generated case's folder, shown as <generated>; empty for committed cases
};

// Every case in the folder, sorted by name.
std::vector<Case> find_cases(const std::string& dir);
// A case's two expectation files from the path its English one has without ".expected".
Case make_case(std::string name, std::string main_path, const std::string& expected_stem, bool must_fail,
               std::string generated_root = "");

// The rendered text diagnostics of checking the case, in English and in Chinese
// (paths relative to the folder; absolute paths of the standard library and the
// folder shown as <stdlib> and <tests/check>), and the codes they carry.
struct Outcome {
  std::string text;
  std::string text_zh;
  std::vector<std::string> codes;
  size_t errors = 0;
};
Outcome run_case(const Case& c, const std::string& stdlib_dir);

}  // namespace fides::golden
