#include "host/score.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <system_error>

#include "data/loader.h"
#include "host/evaluate.h"
#include "host/masking.h"
#include "host/output_file.h"
#include "host/output_files.h"
#include "host/output_folder.h"
#include "host/progress.h"
#include "host/run_json.h"
#include "host/run_summary_text.h"
#include "tasks/thread_pool.h"

namespace fides::host {
namespace {
double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

int run_score(const Evaluator& evaluator, const ScoreOptions& options, FILE* err) {
  const auto started = std::chrono::steady_clock::now();
  const fides_pack& pack = *evaluator.pack;
  RunSummary summary;
  summary.pack = &pack;
  summary.origin = options.pack_origin;
  summary.encoding = options.load.encoding;
  summary.output_encoding = options.output_encoding;
  summary.threads = tasks::resolve_threads(options.threads);
  const std::string out = options.out_dir.empty() ? "." : options.out_dir;
  const std::string run_json_path = out + "/run.json";

  // Ends an unfinished run: message, run.json saying why (best effort), status 1.
  auto fail = [&](const std::string& message) {
    std::fprintf(err, "%s: error: %s\n", options.program.c_str(), message.c_str());
    summary.finished = false;
    summary.error = message;
    summary.timings.emplace_back("total_ms", ms_since(started));
    std::string ignored;
    if (make_output_folder(out, ignored)) write_text_file(run_json_path, run_json(summary), ignored);
    return 1;
  };

  std::string error;
  trust::MaskKey mask_key;
  if (!options.mask_key_file.empty()) {
    if (!mask_key.read(options.mask_key_file, error)) {
      std::fprintf(err, "%s: --mask: %s\n", options.program.c_str(), error.c_str());
      return 2;
    }
    summary.mask_key = &mask_key;
  }
  if (!check_output_folder(out, options.load, error)) {
    std::fprintf(err, "%s: %s\n", options.program.c_str(), error.c_str());
    return 2;
  }
  // An earlier run's run.json must not vouch for its files while this run
  // replaces them (spec §9.9): before anything is read or written, it says unfinished.
  std::error_code ec;
  if (std::filesystem::exists(run_json_path, ec) && !write_text_file(run_json_path, run_json(summary), error))
    return fail(error);

  auto t = std::chrono::steady_clock::now();
  data::LoadFailure failure;
  data::LoadOptions load = options.load;
  load.threads = options.threads;
  std::unique_ptr<data::Dataset> dataset = data::load_dataset(pack, load, failure);
  if (!dataset) {
    if (failure.exit_code == 2) {
      std::fprintf(err, "%s: %s\n", options.program.c_str(), failure.message.c_str());
      return 2;
    }
    return fail(failure.message);
  }
  summary.dataset = dataset.get();
  summary.timings.emplace_back("load_ms", ms_since(t));
  for (const auto& step : dataset->load_timings) summary.timings.push_back(step);
  std::optional<Masking> masked;
  if (summary.mask_key) {
    t = std::chrono::steady_clock::now();
    masked.emplace(mask_key, pack, *dataset);
    summary.timings.emplace_back("mask_ms", ms_since(t));
  }
  const Masking unmasked;
  const Masking& masking = masked ? *masked : unmasked;
  for (const std::string& w : dataset->warnings)
    std::fprintf(err, "%s: warning: %s\n", options.program.c_str(), w.c_str());

  if (!make_output_folder(out, error)) {
    std::fprintf(err, "%s: error: %s\n", options.program.c_str(), error.c_str());
    return 1;
  }
  remove_leftover_temporaries(out);
  if (!write_text_file(run_json_path, run_json(summary), error)) return fail(error);

  Progress progress(progress_mode(options.progress, options.live_progress, err), err);
  EvalOptions eval_options;
  eval_options.threads = options.threads;
  eval_options.progress = &progress;
  Results results;
  if (!evaluate(evaluator, *dataset, eval_options, results, summary.timings, error)) return fail(error);
  Overview overview = overview_of(pack, *dataset, results, masking);
  summary.overview = &overview;

  t = std::chrono::steady_clock::now();
  auto write_csv = [&](CsvOutput how) {
    how.masking = &masking;
    return write_findings(out + "/findings.csv", pack, *dataset, results, error, how) &&
           write_scores(out + "/scores.csv", pack, *dataset, results, error, how) &&
           write_errors(out + "/errors.csv", pack, *dataset, results, error, how) &&
           write_rejects(out + "/rejects.csv", *dataset, error, how);
  };
  // GBK cannot hold every character: find out before any file is written.
  if (options.output_encoding == OutputEncoding::Gbk && !write_csv({options.output_encoding, true}))
    return fail(error);
  if (!write_csv({options.output_encoding, false})) return fail(error);
  summary.timings.emplace_back("write_ms", ms_since(t));
  summary.timings.emplace_back("total_ms", ms_since(started));
  summary.finished = true;
  if (!write_text_file(run_json_path, run_json(summary), error)) {
    summary.timings.pop_back();
    return fail(error);
  }
  // The summary is the run's answer to a person; stderr stays for problems and progress.
  if (options.progress) std::fputs(run_summary_text(pack, *dataset, overview, out).c_str(), stdout);
  progress.summary(options.program + ": " + run_summary_line(*dataset, overview));
  return 0;
}

}  // namespace fides::host
