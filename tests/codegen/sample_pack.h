// A small pack for the codegen/link tests: a descriptor with two records, a
// param, two tables, a rule, a scorecard and an index, and a hand-written
// eval_rule standing in for what the expression code generator will emit.
//
// eval_rule(ctx, index, begin, end): for each row r of record 1 ("Line") in
// [begin, end), amount = fides_dec_mul(amount column[r], 2.5) (a built-in
// from the bitcode; plain multiplication when there is none); on an error
// status it calls out->error(kind 0, index, r, "arithmetic overflow"),
// otherwise out->finding(index, r, amount, 2, kSampleMessage).
#pragma once

#include <string>
#include <vector>

#include "codegen/emit_descriptor.h"
#include "codegen/target.h"
#include "llvm/Support/Error.h"

namespace fides::codegen::testing {

inline constexpr const char* kSampleMessage = "项目限女性使用，患者为男性";
inline constexpr unsigned kLineRecord = 1;
inline constexpr unsigned kAmountField = 2;

PackDescription sample_description();

struct SampleOptions {
  std::string cpu = kDefaultCpu;
  bool call_builtin = true;  // use fides_dec_mul when the built-ins have it
  PackDescription description = sample_description();
};

// Builds the sample module in a fresh LLVMContext and returns the ELF object.
llvm::Expected<std::vector<char>> build_sample_object(const SampleOptions& options = {});

// True when the embedded built-ins define fides_dec_mul.
bool builtins_have_dec_mul();

// True for success; otherwise prints the error (as a doctest MESSAGE) and
// returns false. Consumes the error either way.
bool succeeded(llvm::Error error);

// The error's text, "" for success. Consumes the error.
std::string error_text(llvm::Error error);

// A new empty directory for test outputs.
std::string make_temp_dir();

// The whole file, or "" when it cannot be read.
std::string read_file(const std::string& path);

// stdout of a shell command.
std::string run_command(const std::string& command);

}  // namespace fides::codegen::testing
