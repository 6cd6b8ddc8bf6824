#include "diff/diff_files.h"

#include "data/values.h"
#include "host/output_file.h"
#include "host/output_folder.h"

namespace fides::diff {
namespace {
std::string amount(const std::optional<int64_t>& v) { return v ? data::format_money_value(*v) : ""; }

bool finish(host::OutputFile& f, std::string& error) {
  if (f.close()) return true;
  error = f.error();
  return false;
}

bool write_findings(const std::string& path, const PackDiff& diff, host::OutputEncoding encoding, std::string& error) {
  host::OutputFile f;
  if (!f.open(path, encoding)) return finish(f, error);
  f.csv_row({"change", "rule_id", "rule_name", "record", "key", "old_amount", "new_amount"});
  for (const RuleDiff& r : diff.rules)
    for (const auto& [kind, list] : {std::pair{"added", &r.added}, {"removed", &r.removed}, {"amount", &r.changed}})
      for (const FindingChange& c : *list)
        f.csv_row({kind, r.id, r.name, c.record, c.key, amount(c.old_amount), amount(c.new_amount)});
  return finish(f, error);
}

bool write_scores(const std::string& path, const PackDiff& diff, host::OutputEncoding encoding, std::string& error) {
  host::OutputFile f;
  if (!f.open(path, encoding)) return finish(f, error);
  f.csv_row({"scorecard", "record", "key", "name", "old_score", "old_grade", "new_score", "new_grade"});
  for (const ScorecardDiff& card : diff.scorecards)
    for (const ScoreChange& c : card.changes)
      f.csv_row({card.name, c.record, c.key, c.name, c.old_score ? c.old_score->score : "",
                 c.old_score ? c.old_score->grade : "", c.new_score ? c.new_score->score : "",
                 c.new_score ? c.new_score->grade : ""});
  return finish(f, error);
}
}  // namespace

bool write_diff_files(const std::string& dir, const PackDiff& diff, host::OutputEncoding encoding,
                      std::string& error) {
  return host::make_output_folder(dir, error) && write_findings(dir + "/diff_findings.csv", diff, encoding, error) &&
         write_scores(dir + "/diff_scores.csv", diff, encoding, error);
}

}  // namespace fides::diff
