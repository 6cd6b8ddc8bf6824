// One pack's findings and scores over a dataset, keyed by what stays the
// same across pack versions (rule id, scorecard name, the subject's record and
// key), so that two packs can be compared after their datasets are gone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "host/options.h"
#include "host/overview.h"
#include "host/pack_library.h"

namespace fides::diff {

struct KeyedFinding {
  std::string record, key;
  int64_t amount = 0;  // money × 10^6
};

struct KeyedRule {
  std::string id, name;
  std::vector<KeyedFinding> findings;  // subject input order
  int64_t errors = 0;
};

struct KeyedScorecard {
  std::string name, record;
  std::vector<host::ListedSubject> scores;  // subject input order
  int64_t errors = 0;
};

struct PackResults {
  std::string name, version, hash;
  int64_t loaded = 0, rejected = 0;  // input rows
  std::vector<KeyedRule> rules;      // declaration order
  std::vector<KeyedScorecard> scorecards;
};

// The load options that apply to `pack`: of the --param, --table and --input
// values given, those naming a parameter, table or record it declares.
data::LoadOptions options_for(const fides_pack& pack, const data::LoadOptions& given);

// Loads the data as `pack` reads it, evaluates, and keeps the results keyed;
// the dataset is freed before it returns. False with a message (and the exit
// status fides-score would give: 1 could not run, 2 usage).
bool score_pack(const fides_pack& pack, const host::ScoreCommand& command, PackResults& out, std::string& error,
                int& status, FILE* err);

}  // namespace fides::diff
