// The four CSV outputs of a run (spec §7), each written whole and checked:
//   findings.csv rule_id,rule_name,category,severity,verdict,record,key,amount,points,message
//   scores.csv   scorecard,record,key,score,grade,reasons
//   errors.csv   kind,id,record,key,message
//   rejects.csv  file,line,column,reason,text
// A file with nothing to report has its header only.
#pragma once

#include <string>

#include "data/dataset.h"
#include "host/evaluate.h"

namespace fides::host {

bool write_findings(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                    const Results& results, std::string& error);
bool write_scores(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                  const Results& results, std::string& error);
bool write_errors(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                  const Results& results, std::string& error);
bool write_rejects(const std::string& path, const data::Dataset& dataset, std::string& error);

}  // namespace fides::host
