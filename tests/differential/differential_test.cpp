// Differential tests of the two back ends (docs/evaluation.md): each pack is
// built natively once; for several seeds, random credit files are generated
// from its descriptor (data_gen.h) and scored through host::run_score by
//   - the native pack with 1 thread,
//   - the native pack with 4 threads,
//   - the reference interpreter,
//   - both again through host::evaluate with chunks of a few rows on several
//     threads (run_score's chunks are larger than any generated file);
// findings.csv, scores.csv, errors.csv and rejects.csv must be byte-identical
// and run.json equal once its "timings" line is removed. A mismatch names the
// pack, the seed, the file and the first differing line; the inputs stay in
// the work folder for reproduction.
//
// Environment knobs for exploring by hand:
//   FIDES_DIFF_SEEDS=N      seeds per pack (default 8)
//   FIDES_DIFF_SEED_BASE=N  first seed (default 1)
//   FIDES_DIFF_PACK=substr  only packs whose path contains substr
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "data_gen.h"
#include "harness.h"

namespace fides::difftest {
namespace {

namespace fs = std::filesystem;

std::string slug_of(const std::string& main_path) {
  fs::path p = fs::relative(main_path, FIDES_SOURCE_DIR);
  std::string s = p.string();
  for (char& c : s)
    if (c == '/' || c == '.') c = '_';
  return s;
}

unsigned env_number(const char* name, unsigned fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<unsigned>(std::strtoul(v, nullptr, 10)) : fallback;
}

// Where the host looks for a record's rows: its `from` file, else <name>.csv.
std::string input_file_of(const lower::PackDescription& pack, const std::string& record) {
  for (const auto& r : pack.records)
    if (r.name == record && !r.input_file.empty()) return r.input_file;
  return record + ".csv";
}

// Builds the pack and compares the back ends over every seed.
void check_pack(const std::string& main_path) {
  if (const char* only = std::getenv("FIDES_DIFF_PACK"); only && *only && main_path.find(only) == std::string::npos)
    return;
  auto started = std::chrono::steady_clock::now();
  const fs::path work = fs::path(DIFF_TEST_WORK_DIR) / slug_of(main_path);
  auto pack = build(main_path, work);
  INFO("pack: " << main_path);
  REQUIRE_MESSAGE(pack->front_end_error.empty(), pack->front_end_error);
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);

  const unsigned n_seeds = env_number("FIDES_DIFF_SEEDS", 8);
  const unsigned base = env_number("FIDES_DIFF_SEED_BASE", 1);
  Totals totals;
  for (unsigned seed = base; seed < base + n_seeds; ++seed) {
    fs::path dir = work / ("seed" + std::to_string(seed));
    fs::remove_all(dir);
    for (const auto& [record, text] : generate(pack->plan.description, pack->seeds, seed))
      write_file(dir / "data" / input_file_of(pack->plan.description, record), text);
    std::string where = "pack " + main_path + ", seed " + std::to_string(seed) + " (inputs in " +
                        (dir / "data").string() + ")";
    for (const std::string& problem : compare_back_ends(*pack, dir / "data", dir, where, totals)) FAIL_CHECK(problem);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  MESSAGE(main_path << ": " << n_seeds << " seeds, " << totals.findings << " findings, " << totals.scores
                    << " scores, " << totals.errors << " errors, " << totals.rejects << " rejects ("
                    << static_cast<int>(secs * 1000) << " ms)");
}

std::vector<std::string> packs_in(const fs::path& dir, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.rfind(prefix, 0) == 0 && e.path().extension() == ".fides")
      out.push_back(e.path().string());
    else if (e.is_directory() && name.rfind(prefix, 0) == 0 && fs::exists(e.path() / "main.fides"))
      out.push_back((e.path() / "main.fides").string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the generator is deterministic and writes well-formed headers") {
  lower::PackDescription pack;
  lower::RecordDescription r;
  r.name = "A";
  r.fields.push_back({"id", "编号", lower::AbiType::Text, false, -1});
  r.fields.push_back({"n", "n", lower::AbiType::Int, true, -1});
  pack.records.push_back(r);
  Seeds seeds = collect_seeds(pack);
  CHECK(generate(pack, seeds, 7) == generate(pack, seeds, 7));
  CHECK(csv_cell("a,\"b\"") == "\"a,\"\"b\"\"\"");
}

TEST_CASE("differential: tests/check ok packs") {
  for (const std::string& path : packs_in(fs::path(FIDES_SOURCE_DIR) / "tests" / "check", "ok_")) {
    check_pack(path);
  }
}

TEST_CASE("differential: the example pack") {
  check_pack(std::string(FIDES_SOURCE_DIR) + "/examples/hunan/main.fides");
}

TEST_CASE("differential: stress packs") {
  for (const std::string& path : packs_in(DIFF_TEST_PACKS_DIR, "")) check_pack(path);
}

}  // namespace fides::difftest
