#include "harness.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "codegen/build_pack.h"
#include "data/loader.h"
#include "host/evaluate.h"
#include "host/evaluator.h"
#include "host/output_files.h"
#include "host/score.h"
#include "interp/interpreter.h"
#include "llvm/Support/Error.h"

namespace fides::difftest {

namespace fs = std::filesystem;

namespace {

const char* const kOutputs[] = {"findings.csv", "scores.csv", "errors.csv", "rejects.csv", "run.json"};

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

size_t lines_of(const std::string& text) {
  size_t n = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  return n ? n - 1 : 0;  // without the header (rows with embedded newlines count more; fine for a summary)
}

}  // namespace

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

std::string without_timings(const std::string& json) {
  std::string out;
  std::istringstream in(json);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("  \"timings\":", 0) != 0) out += line + "\n";
  return out;
}

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

std::unique_ptr<BuiltPack> build(const std::string& main_path, const fs::path& work_dir) {
  auto b = std::make_unique<BuiltPack>();
  b->main_path = main_path;
  b->front = driver::run_front_end(main_path, FIDES_STDLIB_DIR);
  if (!b->front->program || b->front->diags.has_errors()) {
    b->front_end_error = "front end failed:\n";
    for (const Diagnostic& d : b->front->diags.sorted()) b->front_end_error += render_text(d, b->front->sources) + "\n";
    return b;
  }
  b->plan = lower::lower(*b->front->program, b->front->sources, lower::LowerOptions{"fides 0.1.0"});
  b->view = std::make_unique<interp::PackView>(b->plan.description);
  lower::LowerOptions scan_only{"fides 0.1.0"};
  scan_only.access_plans = false;
  b->scan_plan = lower::lower(*b->front->program, b->front->sources, scan_only);
  b->scan_view = std::make_unique<interp::PackView>(b->scan_plan.description);
  fs::remove_all(work_dir);
  fs::create_directories(work_dir);
  std::string so = (work_dir / "pack.so").string();
  if (llvm::Error e = codegen::build_pack_library(b->plan, b->front->sources, so)) {
    b->error = "build failed: " + llvm::toString(std::move(e));
    return b;
  }
  std::string error;
  if (!b->library.open(so, error)) b->error = "load failed: " + error;
  b->seeds = collect_seeds(b->plan.description);
  return b;
}

std::vector<std::string> compare_back_ends(const BuiltPack& pack, const fs::path& data_dir, const fs::path& out_root,
                                           const std::string& where, Totals& totals) {
  host::Evaluator native = host::evaluator_of(*pack.library.descriptor());
  host::Evaluator interpreted = interp::make_evaluator(pack.plan, *pack.view);
  RunResult n1 = score(native, data_dir, out_root / "native1", 1);
  RunResult n4 = score(native, data_dir, out_root / "native4", 4);
  RunResult in = score(interpreted, data_dir, out_root / "interp", 1);
  RunResult nc = score_chunked(native, data_dir, out_root / "native_chunks", 4, 7);
  RunResult ic = score_chunked(interpreted, data_dir, out_root / "interp_chunks", 3, 5);
  host::Evaluator scanning = interp::make_evaluator(pack.scan_plan, *pack.scan_view);
  RunResult sc = score(scanning, data_dir, out_root / "interp_scan", 2);

  std::vector<std::string> problems;
  auto expect = [&](bool ok, const std::string& what) {
    if (!ok) problems.push_back(where + ": " + what);
  };
  expect(n1.status == 0, "native run failed: " + n1.stderr_text);
  expect(n1.status == in.status, "exit status native " + std::to_string(n1.status) + ", interpreter " +
                                     std::to_string(in.status) + "\n" + in.stderr_text);
  expect(n1.status == n4.status,
         "exit status 1 thread " + std::to_string(n1.status) + ", 4 threads " + std::to_string(n4.status));
  expect(nc.status == n1.status, "chunked native run: " + std::to_string(nc.status) + " " + nc.stderr_text);
  expect(ic.status == n1.status, "chunked interpreter run: " + std::to_string(ic.status) + " " + ic.stderr_text);
  expect(sc.status == n1.status, "interpreter without access plans: " + std::to_string(sc.status) + " " + sc.stderr_text);
  for (const std::string file : kOutputs) {
    std::string a = read_file(out_root / "native1" / file);
    std::string b = read_file(out_root / "interp" / file);
    std::string c = read_file(out_root / "native4" / file);
    std::string e = read_file(out_root / "interp_scan" / file);
    if (file == "run.json") {
      a = without_timings(a);
      b = without_timings(b);
      c = without_timings(c);
      e = without_timings(e);
    }
    std::string d = first_difference(a, b, "native     ", "interpreter");
    expect(d.empty(), file + " differs between the native pack and the interpreter: " + d);
    d = first_difference(a, c, "native, 1 thread ", "native, 4 threads");
    expect(d.empty(), file + " differs between 1 and 4 threads: " + d);
    d = first_difference(b, e, "interpreter, access plans   ", "interpreter, scans only     ");
    expect(d.empty(), file + " differs without access plans (interpreter): " + d);
    if (file != "run.json") {
      d = first_difference(a, read_file(out_root / "native_chunks" / file), "native, run_score      ",
                           "native, 7-row chunks   ");
      expect(d.empty(), file + " differs with 7-row chunks on 4 threads: " + d);
      d = first_difference(b, read_file(out_root / "interp_chunks" / file), "interpreter, run_score ",
                           "interpreter, 5-row chunks");
      expect(d.empty(), file + " differs with 5-row chunks on 3 threads (interpreter): " + d);
    }
    if (file == "findings.csv") totals.findings += lines_of(a);
    if (file == "scores.csv") totals.scores += lines_of(a);
    if (file == "errors.csv") totals.errors += lines_of(a);
    if (file == "rejects.csv") totals.rejects += lines_of(a);
  }
  return problems;
}

}  // namespace fides::difftest
