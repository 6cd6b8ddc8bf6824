// The four CSV outputs of a run (spec §7, §9.7), each written whole and checked:
//   findings.csv rule_id,rule_name,category,severity,verdict,record,key,amount,points,message,
//                then one attribution column per input record type (attribution.h)
//   scores.csv   scorecard,record,key,score,grade,reasons
//   errors.csv   kind,id,record,key,message
//   rejects.csv  file,line,column,reason,text
// A file with nothing to report has its header only.
#pragma once

#include <string>

#include "data/dataset.h"
#include "host/evaluate.h"
#include "host/masking.h"
#include "host/output_encoding.h"

namespace fides::host {

// How a CSV output is written. check_only: nothing is written, every cell is
// only converted, so a value the encoding cannot hold is found (as the error)
// before any output file is touched. masking (--mask): what the cells show of
// personal values; null shows them as they are.
struct CsvOutput {
  OutputEncoding encoding = OutputEncoding::Utf8;
  bool check_only = false;
  const Masking* masking = nullptr;
};

bool write_findings(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                    const Results& results, std::string& error, const CsvOutput& how = {});
bool write_scores(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                  const Results& results, std::string& error, const CsvOutput& how = {});
bool write_errors(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                  const Results& results, std::string& error, const CsvOutput& how = {});
bool write_rejects(const std::string& path, const data::Dataset& dataset, std::string& error,
                   const CsvOutput& how = {});

}  // namespace fides::host
