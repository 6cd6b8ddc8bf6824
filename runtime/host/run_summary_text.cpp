#include "host/run_summary_text.h"

#include <map>

#include "data/values.h"

namespace fides::host {
namespace {

// Sums of many amounts may pass the decimal range; the summary says so rather than wrap.
std::string money_total(__int128 v) {
  if (v > INT64_MAX) return "more than " + data::format_money_value(INT64_MAX);
  if (v < INT64_MIN) return "less than " + data::format_money_value(INT64_MIN);
  return data::format_money_value(static_cast<int64_t>(v));
}

}  // namespace

std::string run_summary_text(const fides_pack& pack, const data::Dataset& dataset, const Results& results,
                             const std::string& out_dir) {
  std::string out = std::string(pack.name) + " " + pack.version + " (hash " +
                    std::string(pack.hash).substr(0, 12) + ")\n";
  int64_t rows = 0, loaded = 0, rejected = 0;
  for (const data::InputStat& in : dataset.inputs) {
    rows += in.rows;
    loaded += in.loaded;
    rejected += in.rejected;
  }
  out += "  inputs:   " + std::to_string(rows) + " rows in " + std::to_string(dataset.inputs.size()) +
         " files, " + std::to_string(loaded) + " loaded, " + std::to_string(rejected) +
         " rejected (rejects.csv)\n";

  size_t findings = 0, errors = 0;
  __int128 amount = 0;
  std::string per_rule;
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    __int128 rule_amount = 0;
    for (const FindingOut& f : results.findings[r]) rule_amount += f.amount;
    findings += results.findings[r].size();
    errors += results.rule_errors[r].size();
    amount += rule_amount;
    per_rule += "    " + std::string(pack.rules[r].id) + " " + pack.rules[r].name + ": " +
                std::to_string(results.findings[r].size()) + " findings, " +
                money_total(rule_amount) + "\n";
  }
  out += "  findings: " + std::to_string(findings) + " from " + std::to_string(pack.n_rules) +
         " rules, amount " + money_total(amount) + " (findings.csv)\n" + per_rule;

  for (uint32_t s = 0; s < pack.n_scorecards; ++s) {
    const fides_scorecard_desc& card = pack.scorecards[s];
    std::map<uint32_t, size_t> by_grade;
    for (const ScoreOut& score : results.scores[s]) ++by_grade[score.grade];
    errors += results.scorecard_errors[s].size();
    out += "  scores:   " + std::string(card.name) + ": " + std::to_string(results.scores[s].size()) +
           " subjects";
    for (const auto& [grade, count] : by_grade)
      if (grade < card.n_grades)
        out += (grade == by_grade.begin()->first ? ", grades " : ", ") + std::string(card.grades[grade]) +
               " " + std::to_string(count);
    out += " (scores.csv)\n";
  }
  out += "  errors:   " + std::to_string(errors) + " subjects could not be evaluated (errors.csv)\n";
  out += "  written to " + out_dir + "\n";
  return out;
}

}  // namespace fides::host
