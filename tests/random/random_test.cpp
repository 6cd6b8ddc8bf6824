// Differential test over random programs (issue 11, item 6): for each seed,
// program_gen.h writes a random well-typed pack; the front end (what
// `fides check` runs) must accept it; it is built natively, random credit
// files are generated from its descriptor (tests/differential/data_gen.h),
// and harness.h scores them with the native pack at 1 and 4 threads, in
// chunks of a few rows, and with the interpreter: every output must be
// byte-identical. Then every case under regressions/ is replayed.
//
//   random_programs [--seed S] [--count N | --seconds T] [--data-sets K]
//                   [--work DIR] [--regressions DIR] [--no-regressions] [--keep]
//
// A checker refusal (a generator bug) and a disagreement (a compiler or
// interpreter bug) are counted apart; either fails the run. A disagreement
// leaves the pack and its data in DIR/failures/seed<S>/, ready to be copied
// to regressions/ as a case (main.fides, tables/, data<K>/).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "harness.h"
#include "program_gen.h"

namespace fs = std::filesystem;
using namespace fides;

namespace {

struct Options {
  uint64_t seed = 1;
  int64_t count = -1;  // seeds to run; -1: until `seconds` are over (0: only the regressions)
  double seconds = 0;
  unsigned data_sets = 2;
  fs::path work = RANDOM_TEST_WORK_DIR;
  fs::path regressions = RANDOM_TEST_REGRESSIONS_DIR;
  bool replay = true;
  bool keep = false;  // keep every program, not only those that disagree
};

struct Summary {
  size_t programs = 0, refusals = 0, build_failures = 0, disagreements = 0, data_sets = 0, replayed = 0;
  difftest::Totals totals;
};

int usage() {
  std::fprintf(stderr,
               "usage: random_programs [--seed S] [--count N | --seconds T] [--data-sets K] [--work DIR]\n"
               "                       [--regressions DIR] [--no-regressions] [--keep]\n");
  return 2;
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--no-regressions" || a == "--keep") {
      (a == "--keep" ? o.keep : o.replay) = a == "--keep";
      continue;
    }
    if (!(v = value())) return false;
    if (a == "--seed") o.seed = std::strtoull(v, nullptr, 10);
    else if (a == "--count") o.count = std::strtoll(v, nullptr, 10);
    else if (a == "--seconds") o.seconds = std::strtod(v, nullptr);
    else if (a == "--data-sets") o.data_sets = static_cast<unsigned>(std::strtoul(v, nullptr, 10));
    else if (a == "--work") o.work = v;
    else if (a == "--regressions") o.regressions = v;
    else return false;
  }
  if (o.count < 0 && o.seconds <= 0) o.count = 10;
  return true;
}

// Builds the pack at `main` and compares the back ends over every data folder
// in `data_dirs`. Returns false on any failure (printed).
bool check_pack(const fs::path& main, const std::vector<fs::path>& data_dirs, const fs::path& work,
                const std::string& name, Summary& s, bool& refused) {
  refused = false;
  auto pack = difftest::build(main.string(), work / "build");
  if (!pack->front_end_error.empty()) {
    refused = true;
    std::printf("CHECKER REFUSAL (generator bug) %s: %s\n", name.c_str(), pack->front_end_error.c_str());
    return false;
  }
  if (!pack->error.empty()) {
    ++s.build_failures;
    std::printf("BUILD FAILURE %s: %s\n", name.c_str(), pack->error.c_str());
    return false;
  }
  bool ok = true;
  for (const fs::path& data : data_dirs) {
    ++s.data_sets;
    std::string where = name + ", data " + data.string();
    auto problems = difftest::compare_back_ends(*pack, data, work / "out" / data.filename(), where, s.totals);
    for (const std::string& p : problems) std::printf("DISAGREEMENT %s\n", p.c_str());
    ok = ok && problems.empty();
  }
  return ok;
}

// The seed of data set k of a program: hashed, since Rng(n) and Rng(n + 1)
// give the same stream one draw apart.
uint64_t data_seed(uint64_t seed, unsigned k) { return difftest::Rng(seed * 1000 + k).next(); }

// One random program and its data sets; a disagreement is kept under failures/.
void run_seed(uint64_t seed, const Options& o, Summary& s) {
  ++s.programs;
  const std::string name = "seed" + std::to_string(seed);
  const fs::path dir = o.work / "programs" / name;
  fs::remove_all(dir);
  randprog::GeneratedPack gp = randprog::generate_program(seed);
  difftest::write_file(dir / "main.fides", gp.main);
  for (const auto& [path, text] : gp.files) difftest::write_file(dir / path, text);

  auto pack = difftest::build((dir / "main.fides").string(), dir / "build");
  if (!pack->front_end_error.empty()) {
    ++s.refusals;
    std::printf("CHECKER REFUSAL (generator bug) seed %llu, pack in %s:\n%s\n", static_cast<unsigned long long>(seed),
                dir.c_str(), pack->front_end_error.c_str());
    return;
  }
  if (!pack->error.empty()) {
    ++s.build_failures;
    std::printf("BUILD FAILURE seed %llu, pack in %s: %s\n", static_cast<unsigned long long>(seed), dir.c_str(),
                pack->error.c_str());
    return;
  }
  bool ok = true;
  for (unsigned k = 0; k < o.data_sets; ++k) {
    ++s.data_sets;
    const fs::path data = dir / ("data" + std::to_string(k));
    for (const auto& [record, text] : difftest::generate(pack->plan.description, pack->seeds, data_seed(seed, k),
                                                                     /*edge_sizes=*/k % 2 == 1))
      difftest::write_file(data / (record + ".csv"), text);
    auto problems = difftest::compare_back_ends(*pack, data, dir / ("out" + std::to_string(k)),
                                                "seed " + std::to_string(seed) + ", data set " + std::to_string(k),
                                                s.totals);
    for (const std::string& p : problems) std::printf("DISAGREEMENT %s\n", p.c_str());
    ok = ok && problems.empty();
  }
  if (ok) {
    if (!o.keep) fs::remove_all(dir);
    return;
  }
  ++s.disagreements;
  const fs::path keep = o.work / "failures" / name;
  fs::remove_all(keep);
  fs::create_directories(keep);
  fs::copy(dir / "main.fides", keep / "main.fides");
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && (e.path().filename().string().rfind("data", 0) == 0 || e.path().filename() == "tables"))
      fs::copy(e.path(), keep / e.path().filename(), fs::copy_options::recursive);
  std::printf("seed %llu disagrees: program and data kept in %s (copy it to tests/random/regressions/)\n",
              static_cast<unsigned long long>(seed), keep.c_str());
}

// Every regressions/<case>/ holds main.fides (and tables/) and data*/ folders.
void replay(const Options& o, Summary& s) {
  if (!fs::is_directory(o.regressions)) return;
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(o.regressions))
    if (e.is_directory() && fs::exists(e.path() / "main.fides")) cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  for (const fs::path& c : cases) {
    std::vector<fs::path> data;
    for (const auto& e : fs::directory_iterator(c))
      if (e.is_directory() && e.path().filename().string().rfind("data", 0) == 0) data.push_back(e.path());
    std::sort(data.begin(), data.end());
    ++s.replayed;
    bool refused = false;
    std::string name = "regression " + c.filename().string();
    if (!check_pack(c / "main.fides", data, o.work / "regressions" / c.filename(), name, s, refused)) {
      if (refused) ++s.refusals;
      else ++s.disagreements;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) return usage();
  auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  Summary s;
  uint64_t seed = o.seed;
  for (; o.count >= 0 ? seed < o.seed + static_cast<uint64_t>(o.count) : elapsed() < o.seconds; ++seed)
    run_seed(seed, o, s);
  if (o.replay) replay(o, s);
  std::printf(
      "random programs: seeds %llu to %llu: %zu programs, %zu data sets, %zu checker refusals (generator bugs), "
      "%zu build failures, %zu disagreements; %zu regression cases replayed; %zu findings, %zu scores, %zu errors, "
      "%zu rejects (%.1f s)\n",
      static_cast<unsigned long long>(o.seed), static_cast<unsigned long long>(seed - 1), s.programs, s.data_sets,
      s.refusals, s.build_failures, s.disagreements, s.replayed, s.totals.findings, s.totals.scores, s.totals.errors,
      s.totals.rejects, elapsed());
  return s.refusals || s.build_failures || s.disagreements ? 1 : 0;
}
