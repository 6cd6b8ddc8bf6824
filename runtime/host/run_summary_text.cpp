#include "host/run_summary_text.h"

namespace fides::host {
namespace {
struct InputTotals {
  int64_t rows = 0, loaded = 0, rejected = 0;
};

InputTotals input_totals(const data::Dataset& dataset) {
  InputTotals t;
  for (const data::InputStat& in : dataset.inputs) {
    t.rows += in.rows;
    t.loaded += in.loaded;
    t.rejected += in.rejected;
  }
  return t;
}

int64_t scorecard_errors(const Overview& overview) {
  int64_t n = 0;
  for (const ScorecardOverview& card : overview.scorecards) n += card.errors;
  return n;
}

constexpr size_t kShown = 10;

std::string subject_text(const ListedSubject& s) { return s.key + (s.name.empty() ? "" : " " + s.name); }

std::string listed_subjects(const ScorecardOverview& card) {
  std::string out;
  size_t shown = std::min(kShown, card.subjects.size());
  if (card.listing == Listing::first_grade) {
    out += "    " + card.grades[0].grade + ": " + std::to_string(card.listable) + " subjects\n";
    for (size_t i = 0; i < shown; ++i) out += "      " + subject_text(card.subjects[i]) + "\n";
    if (card.listable > static_cast<int64_t>(shown))
      out += "      … and " + std::to_string(card.listable - static_cast<int64_t>(shown)) + " more\n";
    return out;
  }
  if (card.listing == Listing::none || shown == 0) return out;
  out += std::string("    ") + (card.listing == Listing::highest ? "highest " : "lowest ") + std::to_string(shown) +
         ":\n";
  for (size_t i = 0; i < shown; ++i) {
    const ListedSubject& s = card.subjects[i];
    out += "      " + subject_text(s) + ": " + s.score + " " + s.grade +
           (s.reasons.empty() ? "" : " (" + s.reasons + ")") + "\n";
  }
  return out;
}
}  // namespace

std::string run_summary_line(const data::Dataset& dataset, const Overview& overview) {
  InputTotals in = input_totals(dataset);
  FindingTotals findings = totals_of(overview.rules);
  int64_t scores = 0;
  for (const ScorecardOverview& card : overview.scorecards) scores += card.scores;
  return "done: " + std::to_string(in.rows) + " rows read, " + std::to_string(in.rejected) + " rejected; " +
         std::to_string(findings.findings) + " findings, " + std::to_string(scores) + " scores, " +
         std::to_string(findings.errors + scorecard_errors(overview)) + " subjects not evaluated";
}

std::string run_summary_text(const fides_pack& pack, const data::Dataset& dataset, const Overview& overview,
                             const std::string& out_dir) {
  std::string out = std::string(pack.name) + " " + pack.version + " (hash " +
                    std::string(pack.hash).substr(0, 12) + ")\n";
  InputTotals in = input_totals(dataset);
  out += "  inputs:   " + std::to_string(in.rows) + " rows in " + std::to_string(dataset.inputs.size()) +
         " files, " + std::to_string(in.loaded) + " loaded, " + std::to_string(in.rejected) +
         " rejected (rejects.csv)\n";

  FindingTotals totals = totals_of(overview.rules);
  out += "  findings: " + std::to_string(totals.findings) + " from " + std::to_string(overview.rules.size()) +
         " rules, amount " + money_total_text(totals.amount) + " (findings.csv)\n";
  out += "  by category:\n";
  for (const CategoryOverview& c : categories_of(overview.rules))
    out += "    " + (c.category.empty() ? std::string("(no category)") : c.category) + ": " +
           std::to_string(c.findings) + " findings, " + money_total_text(c.amount) + "\n";
  out += "  by rule:\n";
  for (const RuleOverview& r : overview.rules)
    out += "    " + r.id + " " + r.name + ": " + std::to_string(r.findings) + " findings, " +
           money_total_text(r.amount) + "\n";

  for (const ScorecardOverview& card : overview.scorecards) {
    out += "  scores:   " + card.name + ": " + std::to_string(card.scores) + " subjects";
    bool first = true;
    for (const GradeCount& g : card.grades) {
      if (g.subjects == 0) continue;
      out += (first ? ", grades " : ", ") + g.grade + " " + std::to_string(g.subjects);
      first = false;
    }
    out += " (scores.csv)\n";
    out += listed_subjects(card);
  }
  out += "  errors:   " + std::to_string(totals.errors + scorecard_errors(overview)) +
         " subjects could not be evaluated (errors.csv)\n";
  out += "  written to " + out_dir + "\n";
  return out;
}

}  // namespace fides::host
