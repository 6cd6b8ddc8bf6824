// Runs a pack given as source text through the front end, lowering and the
// reference interpreter (via the host library), with CSV inputs in memory.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "driver/front_end.h"
#include "host/evaluate.h"
#include "interp/interpreter.h"
#include "interp/pack_view.h"
#include "lower/plan.h"

#include <doctest/doctest.h>

// Vectors of strings print one element per line in failed checks.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string s = "{";
    for (const std::string& x : v) s += "\n  \"" + x + "\"";
    return String((s + "}").c_str());
  }
};
}  // namespace doctest

namespace fides::interp::testing {

// A fresh empty folder under the build tree, named for the test.
std::string fresh_dir(const std::string& name);
void write_file(const std::string& path, const std::string& text);
std::string read_file(const std::string& path);

// "main.fides:L:C" of the first occurrence of `needle` in `source` (columns in code points).
std::string where(const std::string& source, const std::string& needle, size_t nth = 0);

struct Compiled {
  std::string dir;  // the folder holding main.fides
  std::unique_ptr<driver::FrontEnd> front;
  lower::Plan plan;
  std::unique_ptr<PackView> view;
  std::string diagnostics;  // rendered errors (empty when it checked)
};

// Writes `source` as <fresh dir>/main.fides (and `files`, relative to it) and
// checks and lowers it. REQUIREs no errors.
std::unique_ptr<Compiled> compile(const std::string& name, const std::string& source,
                                  const std::map<std::string, std::string>& files = {});

struct Run {
  std::unique_ptr<Compiled> compiled;
  std::unique_ptr<data::Dataset> data;
  host::Results results;
  std::vector<data::Reject> rejects;

  uint32_t rule(const std::string& id) const;
  uint32_t scorecard(const std::string& name) const;
  // "key|amount|points|message" per finding of rule `id`, amount printed as money.
  std::vector<std::string> findings(const std::string& id) const;
  // "key|message" per error of rule `id`.
  std::vector<std::string> errors(const std::string& id) const;
  // "key|score|grade|item1,item2,…" per score; "key|message" per scorecard error.
  std::vector<std::string> scores(const std::string& name) const;
  std::vector<std::string> scorecard_errors(const std::string& name) const;
};

// compile() then load `inputs` (record name → CSV text) and evaluate.
Run run(const std::string& name, const std::string& source, const std::map<std::string, std::string>& inputs,
        const std::map<std::string, std::string>& files = {},
        const std::vector<std::pair<std::string, std::string>>& params = {}, unsigned threads = 1,
        int64_t chunk_rows = 2048);

}  // namespace fides::interp::testing
