// One scoring run from options to output files, for any evaluator: used by
// fides-score with a compiled pack, and by the driver (`fides run`) with
// either a pack or the reference interpreter.
//
//   read the --mask key (exit 2 when it cannot be) → load the dataset → (exit
//   2 on a usage mistake; 1 on a fatal input error,
//   with run.json marked unfinished) → mark the output folder unfinished →
//   rules → rules using hits → scorecards → (GBK output: every CSV cell
//   checked, exit 1 before any is written if one cannot be encoded) →
//   findings.csv, scores.csv, errors.csv, rejects.csv → run.json with
//   "finished": true → one summary line on `err` unless progress was live.
#pragma once

#include <cstdio>
#include <string>

#include "data/load_options.h"
#include "host/evaluator.h"
#include "host/output_encoding.h"
#include "trust/verified_pack.h"

namespace fides::host {

struct ScoreOptions {
  data::LoadOptions load;
  std::string out_dir;
  unsigned threads = 0;   // 0: every core
  bool progress = true;   // false (--quiet): no progress, no summary
  bool live_progress = false;  // --progress: live progress even when `err` is not a terminal
  OutputEncoding output_encoding = OutputEncoding::Utf8;  // of the CSV outputs
  std::string program = "fides-score";  // prefix of messages ("fides run" for the driver)
  trust::PackOrigin pack_origin;         // the pack file as loaded, for run.json
  std::string mask_key_file;             // --mask: print keyed pseudonyms for personal values
};

// Runs everything; returns the exit status (0 completed, 1 could not, 2 usage)
// after writing any message to `err`.
int run_score(const Evaluator& evaluator, const ScoreOptions& options, FILE* err);

}  // namespace fides::host
