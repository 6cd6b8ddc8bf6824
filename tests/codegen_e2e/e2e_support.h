// Helpers for the codegen end-to-end tests: compile a pack from source text
// to a shared library, load it like fides-score does, evaluate it over CSV
// text, and render results as short strings that tests compare exactly.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "driver/front_end.h"
#include "host/evaluate.h"
#include "host/pack_library.h"
#include "lower/plan.h"

namespace fides::e2e {

struct CompiledPack {
  std::string dir;  // temp folder with the sources and pack.so
  std::unique_ptr<driver::FrontEnd> front;
  lower::Plan plan;
  std::string so_path;
  host::PackLibrary library;
  std::string error;  // non-empty when something failed
  const fides_pack* pack() const { return library.descriptor(); }
};

// Writes `files` (name → text; the main file is "main.fides") to a temp
// folder and builds it. On failure, `error` says why (diagnostics included).
std::unique_ptr<CompiledPack> compile(const std::map<std::string, std::string>& files,
                                      const std::string& main = "main.fides");
// Builds a pack from a path on disk (the example pack).
std::unique_ptr<CompiledPack> compile_path(const std::string& main_path);

struct Outcome {
  std::string error;                   // load or evaluation failure
  std::vector<std::string> findings;   // "RULE key amount points message"
  std::vector<std::string> errors;     // "RULE key message" (or scorecard name)
  std::vector<std::string> scores;     // "CARD key score grade [items]"
  std::vector<std::string> rejects;    // "file:line reason"
};

// Evaluates over CSV texts (record name → text with a header row).
Outcome run(const CompiledPack& pack, const std::map<std::string, std::string>& csv,
            const std::vector<std::pair<std::string, std::string>>& params = {});

std::string join(const std::vector<std::string>& lines);

}  // namespace fides::e2e
