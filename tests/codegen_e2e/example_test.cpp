// The example pack (examples/hunan) compiled natively and scored over its
// credit files (written by fides-gen at test time: tests/examples/CMakeLists.txt).
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e_support.h"
#include "host/evaluator.h"
#include "host/score.h"
#include "codegen/build_pack.h"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("the example pack builds and scores its data") {
  std::string examples = FIDES_E2E_EXAMPLES_DIR;
  auto pack = fides::e2e::compile_path(examples + "/hunan/main.fides");
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  REQUIRE(pack->pack() != nullptr);
  CHECK(pack->pack()->n_rules > 0);
  CHECK(pack->pack()->n_scorecards == 2);

  fides::host::ScoreOptions options;
  options.load.data_dir = std::string(FIDES_E2E_EXAMPLES_DATA_DIR) + "/hunan";
  options.out_dir = pack->dir + "/out";
  options.threads = 2;
  options.progress = false;
  std::filesystem::create_directories(options.out_dir);
  int status = fides::host::run_score(fides::host::evaluator_of(*pack->pack()), options, stderr);
  CHECK(status == 0);
  for (const char* f : {"findings.csv", "scores.csv", "errors.csv", "rejects.csv", "run.json"})
    CHECK_MESSAGE(std::filesystem::exists(options.out_dir + "/" + f), f);
  std::string run = slurp(options.out_dir + "/run.json");
  CHECK(run.find("\"finished\": true") != std::string::npos);
  std::string findings = slurp(options.out_dir + "/findings.csv");
  std::string scores = slurp(options.out_dir + "/scores.csv");
  std::string errors = slurp(options.out_dir + "/errors.csv");
  MESSAGE("findings:\n" << findings.substr(0, 3000));
  MESSAGE("scores:\n" << scores.substr(0, 3000));
  MESSAGE("errors:\n" << errors.substr(0, 2000));
  // A national rule and a province's rule find what was planted or what the generator's data hold.
  CHECK(findings.find("\nL01,") != std::string::npos);
  CHECK(findings.find("\nYS002,") != std::string::npos);
  CHECK(scores.find("\n机构信用,Institution,") != std::string::npos);
  CHECK(scores.find("\n医师记分,Staff,") != std::string::npos);

  // Same outputs with one thread: deterministic.
  fides::host::ScoreOptions single = options;
  single.threads = 1;
  single.out_dir = pack->dir + "/out1";
  std::filesystem::create_directories(single.out_dir);
  CHECK(fides::host::run_score(fides::host::evaluator_of(*pack->pack()), single, stderr) == 0);
  CHECK(slurp(single.out_dir + "/findings.csv") == findings);
  CHECK(slurp(single.out_dir + "/scores.csv") == scores);
  CHECK(slurp(single.out_dir + "/errors.csv") == errors);
}

TEST_CASE("--emit=llvm text and deterministic objects") {
  std::string examples = FIDES_E2E_EXAMPLES_DIR;
  auto pack = fides::e2e::compile_path(examples + "/hunan/main.fides");
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  auto ir = fides::codegen::build_pack_ir(pack->plan, pack->front->sources);
  REQUIRE(static_cast<bool>(ir));
  CHECK(ir->find("@fides_pack_v1()") != std::string::npos);
  CHECK(ir->find("__udivti3") == std::string::npos);
  auto a = fides::codegen::build_pack_object(pack->plan, pack->front->sources);
  auto b = fides::codegen::build_pack_object(pack->plan, pack->front->sources);
  REQUIRE(static_cast<bool>(a));
  REQUIRE(static_cast<bool>(b));
  CHECK(*a == *b);
}
