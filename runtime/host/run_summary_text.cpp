#include "host/run_summary_text.h"

#include <utility>
#include <vector>

#include "data/values.h"

namespace fides::host {
namespace {

// Sums of many amounts may pass the decimal range; the summary says so rather than wrap.
std::string money_total(__int128 v) {
  if (v > INT64_MAX) return "more than " + data::format_money_value(INT64_MAX);
  if (v < INT64_MIN) return "less than " + data::format_money_value(INT64_MIN);
  return data::format_money_value(static_cast<int64_t>(v));
}

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
}  // namespace

std::string run_summary_line(const fides_pack& pack, const data::Dataset& dataset, const Results& results) {
  InputTotals in = input_totals(dataset);
  size_t findings = 0, scores = 0, errors = 0;
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    findings += results.findings[r].size();
    errors += results.rule_errors[r].size();
  }
  for (uint32_t s = 0; s < pack.n_scorecards; ++s) {
    scores += results.scores[s].size();
    errors += results.scorecard_errors[s].size();
  }
  return "done: " + std::to_string(in.rows) + " rows read, " + std::to_string(in.rejected) + " rejected; " +
         std::to_string(findings) + " findings, " + std::to_string(scores) + " scores, " +
         std::to_string(errors) + " subjects not evaluated";
}

std::string run_summary_text(const fides_pack& pack, const data::Dataset& dataset, const Results& results,
                             const std::string& out_dir) {
  std::string out = std::string(pack.name) + " " + pack.version + " (hash " +
                    std::string(pack.hash).substr(0, 12) + ")\n";
  InputTotals in = input_totals(dataset);
  out += "  inputs:   " + std::to_string(in.rows) + " rows in " + std::to_string(dataset.inputs.size()) +
         " files, " + std::to_string(in.loaded) + " loaded, " + std::to_string(in.rejected) +
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
    // Bands may share a label (a knock-out "D" and "D" otherwise): count by label,
    // in the order the labels first appear among the bands.
    std::vector<std::pair<std::string, size_t>> by_grade;
    for (uint32_t g = 0; g < card.n_grades; ++g) {
      bool seen = false;
      for (const auto& entry : by_grade) seen = seen || entry.first == card.grades[g];
      if (!seen) by_grade.emplace_back(card.grades[g], 0);
    }
    for (const ScoreOut& score : results.scores[s])
      for (auto& [label, count] : by_grade)
        if (score.grade < card.n_grades && label == card.grades[score.grade]) ++count;
    errors += results.scorecard_errors[s].size();
    out += "  scores:   " + std::string(card.name) + ": " + std::to_string(results.scores[s].size()) +
           " subjects";
    bool first = true;
    for (const auto& [label, count] : by_grade) {
      if (count == 0) continue;
      out += (first ? ", grades " : ", ") + label + " " + std::to_string(count);
      first = false;
    }
    out += " (scores.csv)\n";
  }
  out += "  errors:   " + std::to_string(errors) + " subjects could not be evaluated (errors.csv)\n";
  out += "  written to " + out_dir + "\n";
  return out;
}

}  // namespace fides::host
