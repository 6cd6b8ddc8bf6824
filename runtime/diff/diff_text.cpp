#include "diff/diff_text.h"

#include "data/values.h"

namespace fides::diff {
namespace {
std::string pack_line(const char* which, const PackResults& p) {
  return std::string(which) + p.name + " " + p.version + " (hash " + p.hash.substr(0, 12) + "), " +
         std::to_string(p.loaded) + " rows loaded, " + std::to_string(p.rejected) + " rejected\n";
}

std::string amount(const std::optional<int64_t>& v) { return v ? data::format_money_value(*v) : "-"; }

// Up to kExamples lines of one kind of change, then how many more.
template <typename T, typename Line>
std::string examples(const std::vector<T>& list, Line line) {
  std::string out;
  for (size_t i = 0; i < list.size() && i < kExamples; ++i) out += "      " + line(list[i]) + "\n";
  if (list.size() > kExamples) out += "      … and " + std::to_string(list.size() - kExamples) + " more\n";
  return out;
}

std::string rule_text(const RuleDiff& r) {
  std::string out = "  " + r.id + " " + r.name + ": ";
  if (!r.in_old) out += "only in the new pack, ";
  if (!r.in_new) out += "only in the old pack, ";
  out += std::to_string(r.old_findings) + " → " + std::to_string(r.new_findings) + " findings (" +
         std::to_string(r.added.size()) + " added, " + std::to_string(r.removed.size()) + " removed, " +
         std::to_string(r.changed.size()) + " changed in amount)";
  if (r.old_errors != r.new_errors)
    out += ", subjects not evaluated " + std::to_string(r.old_errors) + " → " + std::to_string(r.new_errors);
  out += "\n";
  auto subject = [](const FindingChange& c) { return c.record + " " + c.key + ": "; };
  out += examples(r.added, [&](const FindingChange& c) { return "+ " + subject(c) + amount(c.new_amount); });
  out += examples(r.removed, [&](const FindingChange& c) { return "- " + subject(c) + amount(c.old_amount); });
  out += examples(r.changed, [&](const FindingChange& c) {
    return "~ " + subject(c) + amount(c.old_amount) + " → " + amount(c.new_amount);
  });
  return out;
}

std::string grade_of(const std::optional<host::ListedSubject>& s) {
  return s ? (s->grade.empty() ? "(no grade)" : s->grade) + " (" + s->score + ")" : "(not scored)";
}

std::string scorecard_text(const ScorecardDiff& c) {
  std::string out = "  " + c.name + ": ";
  if (!c.in_old) out += "only in the new pack, ";
  if (!c.in_new) out += "only in the old pack, ";
  int64_t grades = c.grade_changes();
  out += std::to_string(grades) + " subjects change grade, " +
         std::to_string(static_cast<int64_t>(c.changes.size()) - grades) + " change score only (" +
         std::to_string(c.old_scores) + " → " + std::to_string(c.new_scores) + " scored)";
  if (c.old_errors != c.new_errors)
    out += ", subjects not evaluated " + std::to_string(c.old_errors) + " → " + std::to_string(c.new_errors);
  out += "\n";
  std::vector<ScoreChange> grade_changes;
  for (const ScoreChange& s : c.changes)
    if (s.grade_changed()) grade_changes.push_back(s);
  out += examples(grade_changes, [](const ScoreChange& s) {
    return s.record + " " + s.key + (s.name.empty() ? "" : " " + s.name) + ": " + grade_of(s.old_score) + " → " +
           grade_of(s.new_score);
  });
  return out;
}
}  // namespace

std::string diff_text(const PackResults& old_pack, const PackResults& new_pack, const PackDiff& diff) {
  std::string out = pack_line("old: ", old_pack) + pack_line("new: ", new_pack);
  size_t rules = 0, cards = 0;
  std::string rule_lines, card_lines;
  for (const RuleDiff& r : diff.rules)
    if (r.differs()) {
      ++rules;
      rule_lines += rule_text(r);
    }
  for (const ScorecardDiff& c : diff.scorecards)
    if (c.differs()) {
      ++cards;
      card_lines += scorecard_text(c);
    }
  out += "rules: " + std::to_string(rules) + " of " + std::to_string(diff.rules.size()) + " differ\n" + rule_lines;
  out += "scorecards: " + std::to_string(cards) + " of " + std::to_string(diff.scorecards.size()) + " differ\n" +
         card_lines;
  out += diff.differs() ? "the packs' results differ\n" : "no differences\n";
  return out;
}

}  // namespace fides::diff
