// The differential harness shared by differential_test.cpp and the random
// program test (tests/random): build a pack natively once, then score one data
// folder through host::run_score with the native pack at 1 and 4 threads and
// with the reference interpreter, and through host::evaluate in chunks of a
// few rows on several threads (both back ends), and with the interpreter
// following the plan without access plans (every aggregate scans; the
// reference behaviour that indexes and memos must not change); every output
// file must be byte-identical (run.json apart from its timings line).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "data_gen.h"
#include "driver/front_end.h"
#include "host/pack_library.h"
#include "interp/pack_view.h"
#include "lower/plan.h"

namespace fides::difftest {

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

// run.json without its "timings" line (the only part allowed to differ).
std::string without_timings(const std::string& json);

// "" when equal, else where the first difference is.
std::string first_difference(const std::string& a, const std::string& b, const std::string& a_name,
                             const std::string& b_name);

// A pack through the front end, lowered, built natively into `work_dir` and
// loaded. `front_end_error` holds the diagnostics when the front end refused
// it (the pack is then not built); `error` holds any failure after that.
struct BuiltPack {
  std::string main_path;
  std::unique_ptr<driver::FrontEnd> front;
  lower::Plan plan;
  std::unique_ptr<interp::PackView> view;
  lower::Plan scan_plan;  // the same pack lowered without access plans
  std::unique_ptr<interp::PackView> scan_view;
  host::PackLibrary library;
  Seeds seeds;
  std::string front_end_error;
  std::string error;
  bool ok() const { return front_end_error.empty() && error.empty(); }
};

std::unique_ptr<BuiltPack> build(const std::string& main_path, const std::filesystem::path& work_dir);

// Line counts of the native outputs (without headers), for summaries.
struct Totals {
  size_t findings = 0, scores = 0, errors = 0, rejects = 0;
};

// Scores `data_dir` in every configuration (outputs under `out_root`) and
// returns one message per disagreement (empty when all agree); `where` starts
// each message. Adds the native run's line counts to `totals`.
std::vector<std::string> compare_back_ends(const BuiltPack& pack, const std::filesystem::path& data_dir,
                                           const std::filesystem::path& out_root, const std::string& where,
                                           Totals& totals);

}  // namespace fides::difftest
