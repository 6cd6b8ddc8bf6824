// run.json: what was run on what, and whether it completed. Everything but
// the "timings" object is deterministic for the same pack, options and
// inputs. Its rules, scorecards and findings_by_month are the run's Overview
// (overview.h), which `fides report` reads back (runtime/report). "finished"
// is true only in the copy written after every other output file was
// completely written.
#pragma once

#include <string>

#include "data/dataset.h"
#include "data/encoding.h"
#include "host/output_encoding.h"
#include "host/overview.h"
#include "trust/mask_key.h"
#include "trust/verified_pack.h"

namespace fides::host {

struct RunSummary {
  const fides_pack* pack = nullptr;
  trust::PackOrigin origin;                // the pack file as loaded
  const data::Dataset* dataset = nullptr;  // null when loading failed
  const Overview* overview = nullptr;      // null before evaluation completed
  data::Encoding encoding = data::Encoding::Utf8;
  OutputEncoding output_encoding = OutputEncoding::Utf8;  // of the CSV outputs
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
