// What a run found, in the shape a person reads it: findings and amounts per
// rule, per category and per month, and per scorecard how the subjects fell
// into grades and which subjects to look at first. The summary printed after
// a run (run_summary_text.h), run.json's rule and scorecard entries
// (run_json.h) and `fides report` (runtime/report, which reads it back from
// run.json) all come from this one model, so they never disagree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "host/evaluate.h"
#include "host/masking.h"

namespace fides::host {

// Money × 10^6. A sum of many amounts may pass the range of int64.
using MoneyTotal = __int128;

// Exactly two decimals, half-up away from zero, at any size.
std::string money_total_text(MoneyTotal v);

struct RuleOverview {
  std::string id, name, category, severity;
  int64_t findings = 0, errors = 0;
  MoneyTotal amount = 0;
};

struct CategoryOverview {
  std::string category;  // "" for rules without one
  int64_t findings = 0;
  MoneyTotal amount = 0;
};

// Findings by the month they happened in (finding_dates.h); month "" holds
// those with no date.
struct MonthOverview {
  std::string month;  // "2024-03"
  int64_t findings = 0;
  MoneyTotal amount = 0;
};

struct GradeCount {
  std::string grade;
  int64_t subjects = 0;
};

// A subject as a supervisor knows it: its key, and its record's `name` text
// field when it has one (an institution's or a doctor's name).
struct ListedSubject {
  std::string key, name, score, grade, reasons;
};

// Which subjects a scorecard lists. With `reasons N`: the lowest scores (the
// highest with `reasons N highest`, where points count against the subject).
// Without reasons but with grades (a random selection): the subjects given
// the first grade. Neither: none.
enum class Listing : uint8_t { lowest, highest, first_grade, none };
const char* listing_name(Listing listing);
bool parse_listing(std::string_view name, Listing& out);

struct ScorecardOverview {
  std::string name, record;
  std::string record_label;  // the record's quoted label ("定点医药机构"), or ""
  int64_t scores = 0, errors = 0;
  // Bands may share a label (a knock-out "D" and a "D" by score): one count
  // per label, in the order the labels first appear among the bands.
  std::vector<GradeCount> grades;
  Listing listing = Listing::none;
  int64_t listable = 0;                 // how many subjects the listing covers in all
  std::vector<ListedSubject> subjects;  // its first kListed, in listing order
};

struct Overview {
  std::vector<RuleOverview> rules;  // declaration order
  std::vector<ScorecardOverview> scorecards;
  std::vector<MonthOverview> months;  // in time order, the undated last
};

constexpr size_t kListed = 20;

// One score as a listed subject (key, name, score, grade and reasons as scores.csv prints them).
// Key and name are shown as `masking` says (--mask: their pseudonyms when personal).
ListedSubject listed_subject(const fides_pack& pack, const data::Dataset& dataset, const fides_scorecard_desc& card,
                             const ScoreOut& score, const Masking& masking = Masking());

// With --mask, `masking` is the run's: every listed subject's key and name are
// masked here, so the summary, run.json and `fides report` never see them.
Overview overview_of(const fides_pack& pack, const data::Dataset& dataset, const Results& results,
                     const Masking& masking = Masking());

// Findings and amounts per category, largest amount first (ties by name).
std::vector<CategoryOverview> categories_of(const std::vector<RuleOverview>& rules);

struct FindingTotals {
  int64_t findings = 0, errors = 0;
  MoneyTotal amount = 0;
};
FindingTotals totals_of(const std::vector<RuleOverview>& rules);

}  // namespace fides::host
