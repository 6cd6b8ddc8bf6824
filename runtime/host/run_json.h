// run.json: what was run on what, and whether it completed. Everything but
// the "timings" object is deterministic for the same pack, options and
// inputs. "finished" is true only in the copy written after every other
// output file was completely written.
#pragma once

#include <string>

#include "data/dataset.h"
#include "data/encoding.h"
#include "host/evaluate.h"
#include "trust/mask_key.h"
#include "trust/verified_pack.h"

namespace fides::host {

struct RunSummary {
  const fides_pack* pack = nullptr;
  trust::PackOrigin origin;                // the pack file as loaded
  const data::Dataset* dataset = nullptr;  // null when loading failed
  const Results* results = nullptr;        // null before evaluation completed
  data::Encoding encoding = data::Encoding::Utf8;
  const trust::MaskKey* mask_key = nullptr;  // --mask: personal values were masked with it
  Timings timings;                         // written inside "timings"
  unsigned threads = 0;                    // written inside "timings"
  bool finished = false;
  std::string error;                       // why the run did not finish, if it did not
};

std::string run_json(const RunSummary& summary);

// JSON string literal for s (quotes included).
std::string json_string(std::string_view s);

}  // namespace fides::host
