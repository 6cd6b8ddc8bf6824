// Front end → lowering → native pack, as `build`, `run` and `test` share it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "driver/compile_options.h"
#include "driver/front_end.h"
#include "lower/plan.h"

namespace fides::driver {

struct CheckedPack {
  std::unique_ptr<FrontEnd> front_end;
  lower::Plan plan;
};

// Loads, checks and lowers a pack; prints its diagnostics to stderr. Empty
// when it has errors.
std::optional<CheckedPack> check_and_lower(const std::string& main_path, const CompileOptions& options);

// Builds the pack's shared library at `output`; prints any failure to stderr.
bool build_library(const CheckedPack& pack, const std::string& output, const std::string& cpu,
                   std::string* llvm_ir);

// Where a built pack of this content, compiler and CPU is cached, and builds it
// there unless it already is. Empty on failure (already reported).
std::string cached_library(const CheckedPack& pack, const std::string& cpu);

}  // namespace fides::driver
