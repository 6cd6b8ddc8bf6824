#include "host/overview.h"

#include <algorithm>
#include <map>

#include "data/values.h"
#include "host/finding_dates.h"
#include "host/reasons.h"

namespace fides::host {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }

ScorecardOverview scorecard_overview(const fides_pack& pack, const data::Dataset& dataset,
                                     const fides_scorecard_desc& card, const std::vector<ScoreOut>& scores,
                                     size_t errors, const Masking& masking) {
  ScorecardOverview out;
  out.name = str_or_empty(card.name);
  out.record = str_or_empty(pack.records[card.subject_record].name);
  out.record_label = str_or_empty(pack.records[card.subject_record].label);
  out.scores = static_cast<int64_t>(scores.size());
  out.errors = static_cast<int64_t>(errors);
  for (uint32_t g = 0; g < card.n_grades; ++g) {
    std::string label = str_or_empty(card.grades[g]);
    if (std::none_of(out.grades.begin(), out.grades.end(), [&](const GradeCount& c) { return c.grade == label; }))
      out.grades.push_back({label, 0});
  }
  for (const ScoreOut& s : scores)
    for (GradeCount& c : out.grades)
      if (s.grade < card.n_grades && c.grade == str_or_empty(card.grades[s.grade])) ++c.subjects;

  std::vector<const ScoreOut*> order;
  if (card.reasons != 0) {
    out.listing = card.reasons_highest ? Listing::highest : Listing::lowest;
    for (const ScoreOut& s : scores) order.push_back(&s);
    bool highest = out.listing == Listing::highest;
    std::stable_sort(order.begin(), order.end(), [highest](const ScoreOut* a, const ScoreOut* b) {
      return highest ? a->score > b->score : a->score < b->score;
    });
  } else if (card.n_grades > 0) {
    out.listing = Listing::first_grade;
    for (const ScoreOut& s : scores)
      if (s.grade < card.n_grades && out.grades[0].grade == str_or_empty(card.grades[s.grade])) order.push_back(&s);
  }
  out.listable = static_cast<int64_t>(order.size());
  for (size_t i = 0; i < order.size() && i < kListed; ++i)
    out.subjects.push_back(listed_subject(pack, dataset, card, *order[i], masking));
  return out;
}

std::vector<MonthOverview> months_of(const fides_pack& pack, const data::Dataset& dataset, const Results& results) {
  FindingDates dates(pack, dataset);
  std::map<std::string, MonthOverview> by_month;
  MonthOverview undated;
  for (uint32_t r = 0; r < pack.n_rules; ++r)
    for (const FindingOut& f : results.findings[r]) {
      std::optional<int64_t> day = dates.of(pack.rules[r].subject_record, f.row);
      MonthOverview& m = day ? by_month[data::format_date_value(*day).substr(0, 7)] : undated;
      ++m.findings;
      m.amount += f.amount;
    }
  std::vector<MonthOverview> out;
  for (auto& [month, m] : by_month) {
    m.month = month;
    out.push_back(m);
  }
  if (undated.findings > 0) out.push_back(undated);
  return out;
}
}  // namespace

ListedSubject listed_subject(const fides_pack& pack, const data::Dataset& dataset, const fides_scorecard_desc& card,
                             const ScoreOut& s, const Masking& masking) {
  ListedSubject out;
  out.key = masking.key(card.subject_record, dataset.key_of(card.subject_record, s.row));
  const fides_record_desc& desc = pack.records[card.subject_record];
  for (uint32_t f = 0; f < desc.n_fields; ++f) {
    if (desc.fields[f].type != FIDES_TYPE_TEXT || std::string_view(desc.fields[f].name) != "name") continue;
    const auto& texts = dataset.records[card.subject_record].texts[f];
    if (static_cast<size_t>(s.row) < texts.size() && texts[s.row].len > 0)
      out.name = masking.value(card.subject_record, f, std::string_view(texts[s.row].ptr, texts[s.row].len));
  }
  out.score = score_text(card, s.score);
  out.grade = s.grade < card.n_grades ? str_or_empty(card.grades[s.grade]) : "";
  out.reasons = reasons_cell(card, s.items);
  return out;
}

std::string money_total_text(MoneyTotal v) {
  if (v >= INT64_MIN && v <= INT64_MAX) return data::format_money_value(static_cast<int64_t>(v));
  bool negative = v < 0;
  unsigned __int128 m = negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  m = (m + 5000) / 10000;  // cents, half-up away from zero
  std::string digits;
  for (; m > 0 || digits.size() < 3; m /= 10) digits.insert(digits.begin(), char('0' + int(m % 10)));
  digits.insert(digits.end() - 2, '.');
  return (negative ? "-" : "") + digits;
}

const char* listing_name(Listing listing) {
  switch (listing) {
    case Listing::lowest: return "lowest";
    case Listing::highest: return "highest";
    case Listing::first_grade: return "first_grade";
    case Listing::none: return "none";
  }
  return "none";
}

bool parse_listing(std::string_view name, Listing& out) {
  for (Listing l : {Listing::lowest, Listing::highest, Listing::first_grade, Listing::none})
    if (name == listing_name(l)) {
      out = l;
      return true;
    }
  return false;
}

Overview overview_of(const fides_pack& pack, const data::Dataset& dataset, const Results& results,
                     const Masking& masking) {
  Overview out;
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    const fides_rule_desc& rule = pack.rules[r];
    RuleOverview o{str_or_empty(rule.id), str_or_empty(rule.name), str_or_empty(rule.category),
                   data::format_severity_value(rule.severity)};
    o.findings = static_cast<int64_t>(results.findings[r].size());
    o.errors = static_cast<int64_t>(results.rule_errors[r].size());
    for (const FindingOut& f : results.findings[r]) o.amount += f.amount;
    out.rules.push_back(std::move(o));
  }
  for (uint32_t s = 0; s < pack.n_scorecards; ++s)
    out.scorecards.push_back(scorecard_overview(pack, dataset, pack.scorecards[s], results.scores[s],
                                                results.scorecard_errors[s].size(), masking));
  out.months = months_of(pack, dataset, results);
  return out;
}

std::vector<CategoryOverview> categories_of(const std::vector<RuleOverview>& rules) {
  std::map<std::string, CategoryOverview> by_category;
  for (const RuleOverview& r : rules) {
    CategoryOverview& c = by_category[r.category];
    c.category = r.category;
    c.findings += r.findings;
    c.amount += r.amount;
  }
  std::vector<CategoryOverview> out;
  for (auto& [name, c] : by_category) out.push_back(c);
  std::stable_sort(out.begin(), out.end(),
                   [](const CategoryOverview& a, const CategoryOverview& b) { return a.amount > b.amount; });
  return out;
}

FindingTotals totals_of(const std::vector<RuleOverview>& rules) {
  FindingTotals t;
  for (const RuleOverview& r : rules) {
    t.findings += r.findings;
    t.errors += r.errors;
    t.amount += r.amount;
  }
  return t;
}

}  // namespace fides::host
