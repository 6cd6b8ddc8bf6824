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
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "codegen/build_pack.h"
#include "data_gen.h"
#include "driver/front_end.h"
#include "data/loader.h"
#include "host/evaluate.h"
#include "host/evaluator.h"
#include "host/output_files.h"
#include "host/pack_library.h"
#include "host/score.h"
#include "interp/interpreter.h"
#include "interp/pack_view.h"
#include "llvm/Support/Error.h"
#include "lower/plan.h"

namespace fides::difftest {
namespace {

namespace fs = std::filesystem;

const char* const kOutputs[] = {"findings.csv", "scores.csv", "errors.csv", "rejects.csv", "run.json"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// run.json without its "timings" line (the only part allowed to differ).
std::string without_timings(const std::string& json) {
  std::string out;
  std::istringstream in(json);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("  \"timings\":", 0) != 0) out += line + "\n";
  return out;
}

// "" when equal, else where the first difference is.
std::string first_difference(const std::string& a, const std::string& b, const std::string& a_name,
                             const std::string& b_name) {
  if (a == b) return "";
  std::istringstream ia(a), ib(b);
  std::string la, lb;
  for (size_t line = 1;; ++line) {
    bool ha = static_cast<bool>(std::getline(ia, la)), hb = static_cast<bool>(std::getline(ib, lb));
    if (!ha && !hb) return "files differ only in their final newline";
    if (!ha || !hb || la != lb) {
      return "first difference at line " + std::to_string(line) + ":\n  " + a_name + ": " +
             (ha ? la : std::string("<end of file>")) + "\n  " + b_name + ": " + (hb ? lb : std::string("<end of file>"));
    }
  }
}

struct BuiltPack {
  std::string main_path;
  std::string slug;
  std::unique_ptr<driver::FrontEnd> front;
  lower::Plan plan;
  std::unique_ptr<interp::PackView> view;
  host::PackLibrary library;
  Seeds seeds;
  std::string error;
};

std::string slug_of(const std::string& main_path) {
  fs::path p = fs::relative(main_path, FIDES_SOURCE_DIR);
  std::string s = p.string();
  for (char& c : s)
    if (c == '/' || c == '.') c = '_';
  return s;
}

std::unique_ptr<BuiltPack> build(const std::string& main_path) {
  auto b = std::make_unique<BuiltPack>();
  b->main_path = main_path;
  b->slug = slug_of(main_path);
  b->front = driver::run_front_end(main_path, FIDES_STDLIB_DIR);
  if (!b->front->program || b->front->diags.has_errors()) {
    b->error = "front end failed:\n";
    for (const Diagnostic& d : b->front->diags.sorted()) b->error += render_text(d, b->front->sources) + "\n";
    return b;
  }
  b->plan = lower::lower(*b->front->program, b->front->sources, lower::LowerOptions{"fides 0.1.0"});
  b->view = std::make_unique<interp::PackView>(b->plan.description);
  fs::path dir = fs::path(DIFF_TEST_WORK_DIR) / b->slug;
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string so = (dir / "pack.so").string();
  if (llvm::Error e = codegen::build_pack_library(b->plan, b->front->sources, so)) {
    b->error = "build failed: " + llvm::toString(std::move(e));
    return b;
  }
  std::string error;
  if (!b->library.open(so, error)) b->error = "load failed: " + error;
  b->seeds = collect_seeds(b->plan.description);
  return b;
}

struct RunResult {
  int status = -1;
  std::string stderr_text;
};

RunResult score(const host::Evaluator& ev, const fs::path& data, const fs::path& out, unsigned threads) {
  fs::remove_all(out);
  host::ScoreOptions options;
  options.load.data_dir = data.string();
  options.out_dir = out.string();
  options.threads = threads;
  options.progress = false;
  options.program = "differential";
  RunResult r;
  FILE* err = std::tmpfile();
  r.status = host::run_score(ev, options, err);
  std::rewind(err);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, err)) > 0) r.stderr_text.append(buf, n);
  std::fclose(err);
  return r;
}

// The same evaluation split into chunks of a few rows on several threads
// (run_score always uses 2048-row chunks): host::evaluate directly, then the
// host's writers for the four CSV files.
RunResult score_chunked(const host::Evaluator& ev, const fs::path& data, const fs::path& out, unsigned threads,
                        int64_t chunk_rows) {
  fs::remove_all(out);
  fs::create_directories(out);
  RunResult r;
  data::LoadOptions load;
  load.data_dir = data.string();
  data::LoadFailure failure;
  auto dataset = data::load_dataset(*ev.pack, load, failure);
  if (!dataset) {
    r.status = failure.exit_code;
    r.stderr_text = failure.message;
    return r;
  }
  host::EvalOptions options;
  options.threads = threads;
  options.chunk_rows = chunk_rows;
  host::Results results;
  host::Timings timings;
  std::string error;
  if (!host::evaluate(ev, *dataset, options, results, timings, error) ||
      !host::write_findings((out / "findings.csv").string(), *ev.pack, *dataset, results, error) ||
      !host::write_scores((out / "scores.csv").string(), *ev.pack, *dataset, results, error) ||
      !host::write_errors((out / "errors.csv").string(), *ev.pack, *dataset, results, error) ||
      !host::write_rejects((out / "rejects.csv").string(), *dataset, error)) {
    r.status = 1;
    r.stderr_text = error;
    return r;
  }
  r.status = 0;
  return r;
}

unsigned env_number(const char* name, unsigned fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<unsigned>(std::strtoul(v, nullptr, 10)) : fallback;
}

struct Totals {
  size_t findings = 0, scores = 0, errors = 0, rejects = 0;
};

size_t lines_of(const std::string& text) {
  size_t n = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  return n ? n - 1 : 0;  // without the header (rows with embedded newlines count more; fine for a summary)
}

// Builds the pack and compares the back ends over every seed.
void check_pack(const std::string& main_path) {
  if (const char* only = std::getenv("FIDES_DIFF_PACK"); only && *only && main_path.find(only) == std::string::npos)
    return;
  auto started = std::chrono::steady_clock::now();
  auto pack = build(main_path);
  INFO("pack: " << main_path);
  REQUIRE_MESSAGE(pack->error.empty(), pack->error);
  host::Evaluator native = host::evaluator_of(*pack->library.descriptor());
  host::Evaluator interpreted = interp::make_evaluator(pack->plan, *pack->view);

  const unsigned n_seeds = env_number("FIDES_DIFF_SEEDS", 8);
  const unsigned base = env_number("FIDES_DIFF_SEED_BASE", 1);
  Totals totals;
  for (unsigned seed = base; seed < base + n_seeds; ++seed) {
    fs::path dir = fs::path(DIFF_TEST_WORK_DIR) / pack->slug / ("seed" + std::to_string(seed));
    fs::remove_all(dir);
    for (const auto& [record, text] : generate(pack->plan.description, pack->seeds, seed))
      write_file(dir / "data" / (record + ".csv"), text);

    RunResult n1 = score(native, dir / "data", dir / "native1", 1);
    RunResult n4 = score(native, dir / "data", dir / "native4", 4);
    RunResult in = score(interpreted, dir / "data", dir / "interp", 1);
    RunResult nc = score_chunked(native, dir / "data", dir / "native_chunks", 4, 7);
    RunResult ic = score_chunked(interpreted, dir / "data", dir / "interp_chunks", 3, 5);
    std::string where = "pack " + main_path + ", seed " + std::to_string(seed) + " (inputs in " +
                        (dir / "data").string() + ")";
    CHECK_MESSAGE(n1.status == 0, where << ": native run failed: " << n1.stderr_text);
    CHECK_MESSAGE(n1.status == in.status, where << ": exit status native " << n1.status << ", interpreter "
                                                << in.status << "\n" << in.stderr_text);
    CHECK_MESSAGE(n1.status == n4.status, where << ": exit status 1 thread " << n1.status << ", 4 threads "
                                                << n4.status);
    CHECK_MESSAGE(nc.status == n1.status, where << ": chunked native run: " << nc.status << " " << nc.stderr_text);
    CHECK_MESSAGE(ic.status == n1.status, where << ": chunked interpreter run: " << ic.status << " "
                                                << ic.stderr_text);
    for (const char* file : kOutputs) {
      std::string a = read_file(dir / "native1" / file);
      std::string b = read_file(dir / "interp" / file);
      std::string c = read_file(dir / "native4" / file);
      if (std::string(file) == "run.json") {
        a = without_timings(a);
        b = without_timings(b);
        c = without_timings(c);
      }
      std::string d = first_difference(a, b, "native     ", "interpreter");
      CHECK_MESSAGE(d.empty(), where << ": " << file << " differs between the native pack and the interpreter: "
                                     << d);
      d = first_difference(a, c, "native, 1 thread ", "native, 4 threads");
      CHECK_MESSAGE(d.empty(), where << ": " << file << " differs between 1 and 4 threads: " << d);
      if (std::string(file) != "run.json") {
        d = first_difference(a, read_file(dir / "native_chunks" / file), "native, run_score      ",
                             "native, 7-row chunks   ");
        CHECK_MESSAGE(d.empty(), where << ": " << file << " differs with 7-row chunks on 4 threads: " << d);
        d = first_difference(b, read_file(dir / "interp_chunks" / file), "interpreter, run_score ",
                             "interpreter, 5-row chunks");
        CHECK_MESSAGE(d.empty(), where << ": " << file << " differs with 5-row chunks on 3 threads (interpreter): "
                                       << d);
      }
      if (std::string(file) == "findings.csv") totals.findings += lines_of(a);
      if (std::string(file) == "scores.csv") totals.scores += lines_of(a);
      if (std::string(file) == "errors.csv") totals.errors += lines_of(a);
      if (std::string(file) == "rejects.csv") totals.rejects += lines_of(a);
    }
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
