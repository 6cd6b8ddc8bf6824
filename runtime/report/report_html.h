// The report page: one self-contained HTML file (inline CSS, inline SVG, no
// script, nothing fetched) in Chinese for supervisors. From a run's record
// (run.json) and the first rows of its rejects.csv and errors.csv:
// findings and amounts per category and per rule, findings per month, each
// scorecard's subjects by grade and the subjects to look at first with their
// reasons, the inspection selections, and the run's inputs, hashes,
// parameters, tables and rejects. The same inputs give the same bytes.
#pragma once

#include <string>

#include "report/output_rows.h"
#include "report/run_record.h"

namespace fides::report {

constexpr size_t kRowsShown = 100;  // of rejects.csv and errors.csv

std::string report_html(const RunRecord& run, const OutputRows& rejects, const OutputRows& errors);

}  // namespace fides::report
