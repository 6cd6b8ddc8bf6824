#include "host/run_summary_text.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "data/values.h"
#include "host/reasons.h"

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

// A subject as a supervisor knows it: its key, and its `name` field when the
// record has a text field of that name (an institution's or a doctor's name).
std::string subject_text(const fides_pack& pack, const data::Dataset& dataset, const Masking& masking,
                         uint32_t record, int64_t row) {
  std::string out = masking.key(record, dataset.key_of(record, row));
  const fides_record_desc& desc = pack.records[record];
  for (uint32_t f = 0; f < desc.n_fields; ++f) {
    if (desc.fields[f].type != FIDES_TYPE_TEXT || std::string_view(desc.fields[f].name) != "name") continue;
    const auto& texts = dataset.records[record].texts[f];
    if (static_cast<size_t>(row) < texts.size() && texts[row].len > 0)
      out += " " + masking.value(record, f, std::string_view(texts[row].ptr, texts[row].len));
  }
  return out;
}

// Findings and amounts per category, largest amount first (ties by name).
std::string per_category(const fides_pack& pack, const Results& results) {
  std::map<std::string, std::pair<size_t, __int128>> by_category;
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    auto& [count, amount] = by_category[pack.rules[r].category ? pack.rules[r].category : ""];
    count += results.findings[r].size();
    for (const FindingOut& f : results.findings[r]) amount += f.amount;
  }
  std::vector<std::pair<std::string, std::pair<size_t, __int128>>> rows(by_category.begin(), by_category.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.second > b.second.second; });
  std::string out;
  for (const auto& [category, totals] : rows)
    out += "    " + (category.empty() ? std::string("(no category)") : category) + ": " +
           std::to_string(totals.first) + " findings, " + money_total(totals.second) + "\n";
  return out;
}

constexpr size_t kShown = 10;

// The subjects a supervisor looks at first. A scorecard with reasons: the ten
// lowest scores (the ten highest with `reasons N highest`, where points count
// against the subject), with grade and reasons. A scorecard without reasons
// (a random selection): the subjects given its first grade.
std::string worst_subjects(const fides_pack& pack, const data::Dataset& dataset, const Masking& masking,
                           const fides_scorecard_desc& card, const std::vector<ScoreOut>& scores) {
  std::string out;
  if (card.reasons == 0) {
    if (card.n_grades == 0) return out;
    std::vector<const ScoreOut*> first;
    for (const ScoreOut& s : scores)
      if (s.grade < card.n_grades && std::string_view(card.grades[s.grade]) == card.grades[0]) first.push_back(&s);
    out += "    " + std::string(card.grades[0]) + ": " + std::to_string(first.size()) + " subjects\n";
    for (size_t i = 0; i < first.size() && i < kShown; ++i)
      out += "      " + subject_text(pack, dataset, masking, card.subject_record, first[i]->row) + "\n";
    if (first.size() > kShown) out += "      … and " + std::to_string(first.size() - kShown) + " more\n";
    return out;
  }
  std::vector<const ScoreOut*> order;
  for (const ScoreOut& s : scores) order.push_back(&s);
  bool highest = card.reasons_highest != 0;
  std::stable_sort(order.begin(), order.end(), [highest](const ScoreOut* a, const ScoreOut* b) {
    return highest ? a->score > b->score : a->score < b->score;
  });
  if (order.empty()) return out;
  out += std::string("    ") + (highest ? "highest " : "lowest ") + std::to_string(std::min(kShown, order.size())) + ":\n";
  for (size_t i = 0; i < order.size() && i < kShown; ++i) {
    const ScoreOut& s = *order[i];
    std::string grade = s.grade < card.n_grades ? card.grades[s.grade] : "";
    std::string reasons = reasons_cell(card, s.items);
    out += "      " + subject_text(pack, dataset, masking, card.subject_record, s.row) + ": " + score_text(card, s.score) +
           " " + grade + (reasons.empty() ? "" : " (" + reasons + ")") + "\n";
  }
  return out;
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
                             const std::string& out_dir, const Masking& masking) {
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
         " rules, amount " + money_total(amount) + " (findings.csv)\n";
  out += "  by category:\n" + per_category(pack, results) + "  by rule:\n" + per_rule;

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
    out += worst_subjects(pack, dataset, masking, card, results.scores[s]);
  }
  out += "  errors:   " + std::to_string(errors) + " subjects could not be evaluated (errors.csv)\n";
  out += "  written to " + out_dir + "\n";
  return out;
}

}  // namespace fides::host
