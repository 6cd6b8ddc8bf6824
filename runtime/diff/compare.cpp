#include "diff/compare.h"

#include <algorithm>
#include <deque>
#include <map>
#include <unordered_map>

namespace fides::diff {
namespace {
std::string subject_id(const std::string& record, const std::string& key) { return record + '\x1f' + key; }

// Entries of both lists by name: the new list's order, then names only the old has.
template <typename T>
std::vector<std::pair<const T*, const T*>> pair_by_name(const std::vector<T>& old_list, const std::vector<T>& new_list,
                                                        std::string T::*name) {
  std::map<std::string, const T*> old_by_name;
  for (const T& t : old_list) old_by_name.emplace(t.*name, &t);
  std::vector<std::pair<const T*, const T*>> out;
  for (const T& t : new_list) {
    auto it = old_by_name.find(t.*name);
    out.emplace_back(it == old_by_name.end() ? nullptr : it->second, &t);
  }
  for (const T& t : old_list)
    if (std::none_of(new_list.begin(), new_list.end(), [&](const T& n) { return n.*name == t.*name; }))
      out.emplace_back(&t, nullptr);
  return out;
}

RuleDiff compare_rule(const KeyedRule* old_rule, const KeyedRule* new_rule) {
  RuleDiff d;
  const KeyedRule& named = new_rule ? *new_rule : *old_rule;
  d.id = named.id;
  d.name = named.name;
  d.in_old = old_rule != nullptr;
  d.in_new = new_rule != nullptr;
  static const std::vector<KeyedFinding> kNone;
  const std::vector<KeyedFinding>& old_findings = old_rule ? old_rule->findings : kNone;
  const std::vector<KeyedFinding>& new_findings = new_rule ? new_rule->findings : kNone;
  d.old_findings = static_cast<int64_t>(old_findings.size());
  d.new_findings = static_cast<int64_t>(new_findings.size());
  d.old_errors = old_rule ? old_rule->errors : 0;
  d.new_errors = new_rule ? new_rule->errors : 0;
  // A subject's old findings, in order; each new finding takes the first one left.
  std::unordered_map<std::string, std::deque<const KeyedFinding*>> unmatched;
  for (const KeyedFinding& f : old_findings) unmatched[subject_id(f.record, f.key)].push_back(&f);
  for (const KeyedFinding& f : new_findings) {
    auto it = unmatched.find(subject_id(f.record, f.key));
    if (it == unmatched.end() || it->second.empty()) {
      d.added.push_back({f.record, f.key, std::nullopt, f.amount});
      continue;
    }
    const KeyedFinding* before = it->second.front();
    it->second.pop_front();
    if (before->amount != f.amount) d.changed.push_back({f.record, f.key, before->amount, f.amount});
  }
  for (const KeyedFinding& f : old_findings) {
    auto& left = unmatched[subject_id(f.record, f.key)];
    if (!left.empty() && left.front() == &f) {
      d.removed.push_back({f.record, f.key, f.amount, std::nullopt});
      left.pop_front();
    }
  }
  return d;
}

ScorecardDiff compare_scorecard(const KeyedScorecard* old_card, const KeyedScorecard* new_card) {
  ScorecardDiff d;
  const KeyedScorecard& named = new_card ? *new_card : *old_card;
  d.name = named.name;
  d.in_old = old_card != nullptr;
  d.in_new = new_card != nullptr;
  d.old_scores = old_card ? static_cast<int64_t>(old_card->scores.size()) : 0;
  d.new_scores = new_card ? static_cast<int64_t>(new_card->scores.size()) : 0;
  d.old_errors = old_card ? old_card->errors : 0;
  d.new_errors = new_card ? new_card->errors : 0;
  std::unordered_map<std::string, const host::ListedSubject*> old_by_subject;
  if (old_card)
    for (const host::ListedSubject& s : old_card->scores) old_by_subject.emplace(subject_id(old_card->record, s.key), &s);
  if (new_card)
    for (const host::ListedSubject& s : new_card->scores) {
      auto it = old_by_subject.find(subject_id(new_card->record, s.key));
      const host::ListedSubject* before = it == old_by_subject.end() ? nullptr : it->second;
      if (before) old_by_subject.erase(it);
      if (before && before->score == s.score && before->grade == s.grade) continue;
      d.changes.push_back({new_card->record, s.key, s.name,
                           before ? std::optional<host::ListedSubject>(*before) : std::nullopt, s});
    }
  if (old_card)
    for (const host::ListedSubject& s : old_card->scores)
      if (old_by_subject.count(subject_id(old_card->record, s.key)))
        d.changes.push_back({old_card->record, s.key, s.name, s, std::nullopt});
  return d;
}
}  // namespace

bool RuleDiff::differs() const {
  return in_old != in_new || !added.empty() || !removed.empty() || !changed.empty() || old_errors != new_errors;
}

bool ScoreChange::grade_changed() const {
  return !old_score || !new_score || old_score->grade != new_score->grade;
}

int64_t ScorecardDiff::grade_changes() const {
  return std::count_if(changes.begin(), changes.end(), [](const ScoreChange& c) { return c.grade_changed(); });
}

bool ScorecardDiff::differs() const { return in_old != in_new || !changes.empty() || old_errors != new_errors; }

bool PackDiff::differs() const {
  return std::any_of(rules.begin(), rules.end(), [](const RuleDiff& r) { return r.differs(); }) ||
         std::any_of(scorecards.begin(), scorecards.end(), [](const ScorecardDiff& s) { return s.differs(); });
}

PackDiff compare_packs(const PackResults& old_pack, const PackResults& new_pack) {
  PackDiff out;
  for (auto [o, n] : pair_by_name(old_pack.rules, new_pack.rules, &KeyedRule::id)) out.rules.push_back(compare_rule(o, n));
  for (auto [o, n] : pair_by_name(old_pack.scorecards, new_pack.scorecards, &KeyedScorecard::name))
    out.scorecards.push_back(compare_scorecard(o, n));
  return out;
}

}  // namespace fides::diff
