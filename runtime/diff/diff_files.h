// `fides diff --out DIR`: every change, where the text shows examples.
//   diff_findings.csv  change,rule_id,rule_name,record,key,old_amount,new_amount
//                      (change: added, removed, amount; an absent amount is empty)
//   diff_scores.csv    scorecard,record,key,name,old_score,old_grade,new_score,new_grade
//                      (every subject whose score or grade differs; empty when not scored)
// Rules and scorecards in the text's order; written whole or not at all (host/output_file.h).
#pragma once

#include <string>

#include "diff/compare.h"
#include "host/output_encoding.h"

namespace fides::diff {

bool write_diff_files(const std::string& dir, const PackDiff& diff, host::OutputEncoding encoding,
                      std::string& error);

}  // namespace fides::diff
