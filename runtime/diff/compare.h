// Two packs' results on the same data, compared: per rule the findings added,
// removed and changed in amount, matched by (record, key) of the subject; per
// scorecard the subjects whose score or grade changes, matched the same way.
// A rule or scorecard only one pack has compares against nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diff/pack_results.h"

namespace fides::diff {

struct FindingChange {
  std::string record, key;
  std::optional<int64_t> old_amount, new_amount;  // none: the finding is not there
};

struct RuleDiff {
  std::string id, name;
  bool in_old = false, in_new = false;
  int64_t old_findings = 0, new_findings = 0, old_errors = 0, new_errors = 0;
  std::vector<FindingChange> added, removed, changed;  // each in its pack's subject order
  bool differs() const;
};

struct ScoreChange {
  std::string record, key, name;
  std::optional<host::ListedSubject> old_score, new_score;  // none: not scored by that pack
  bool grade_changed() const;
};

struct ScorecardDiff {
  std::string name;
  bool in_old = false, in_new = false;
  int64_t old_scores = 0, new_scores = 0, old_errors = 0, new_errors = 0;
  std::vector<ScoreChange> changes;  // score or grade differs; new pack's order, then subjects only the old scored
  int64_t grade_changes() const;
  bool differs() const;
};

struct PackDiff {
  std::vector<RuleDiff> rules;            // the new pack's order, then rules only the old has
  std::vector<ScorecardDiff> scorecards;  // likewise
  bool differs() const;
};

PackDiff compare_packs(const PackResults& old_pack, const PackResults& new_pack);

}  // namespace fides::diff
