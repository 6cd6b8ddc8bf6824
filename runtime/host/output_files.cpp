#include "host/output_files.h"

#include "data/utf8.h"
#include "data/values.h"
#include "host/output_file.h"
#include "host/reasons.h"

namespace fides::host {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }

std::string key_of(const data::Dataset& dataset, uint32_t record, int64_t row) {
  if (record >= dataset.records.size() || row < 0 || row >= dataset.records[record].n_rows) return "";
  return std::string(dataset.key_of(record, row));
}

// Text from a pack, made safe for a UTF-8 file.
std::string utf8(std::string_view s) { return data::utf8_valid(s) ? std::string(s) : data::utf8_repair(s); }

bool finish(OutputFile& f, std::string& error) {
  if (f.close()) return true;
  error = f.error();
  return false;
}
}  // namespace

bool write_findings(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                    const Results& results, std::string& error) {
  OutputFile f;
  if (!f.open(path)) return finish(f, error);
  f.write("rule_id,rule_name,category,severity,verdict,record,key,amount,points,message\n");
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    const fides_rule_desc& rule = pack.rules[r];
    const char* record = pack.records[rule.subject_record].name;
    std::string severity = data::format_severity_value(rule.severity);
    const char* verdict = rule.verdict ? "definite" : "suspicious";
    for (const FindingOut& x : results.findings[r]) {
      f.csv_row({str_or_empty(rule.id), str_or_empty(rule.name), str_or_empty(rule.category), severity, verdict,
                 record, key_of(dataset, rule.subject_record, x.row), data::format_money_value(x.amount),
                 data::format_int_value(x.points), utf8(x.message)});
    }
  }
  return finish(f, error);
}

bool write_scores(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                  const Results& results, std::string& error) {
  OutputFile f;
  if (!f.open(path)) return finish(f, error);
  f.write("scorecard,record,key,score,grade,reasons\n");
  for (uint32_t c = 0; c < pack.n_scorecards; ++c) {
    const fides_scorecard_desc& card = pack.scorecards[c];
    const char* record = pack.records[card.subject_record].name;
    for (const ScoreOut& s : results.scores[c]) {
      const char* grade = s.grade < card.n_grades ? str_or_empty(card.grades[s.grade]) : "";
      f.csv_row({str_or_empty(card.name), record, key_of(dataset, card.subject_record, s.row),
                 score_text(card, s.score), grade, reasons_cell(card, s.items)});
    }
  }
  return finish(f, error);
}

bool write_errors(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                  const Results& results, std::string& error) {
  OutputFile f;
  if (!f.open(path)) return finish(f, error);
  f.write("kind,id,record,key,message\n");
  // A group's key errors first: they happen before any rule runs.
  for (uint32_t g = 0; g < results.group_errors.size(); ++g) {
    auto source = static_cast<uint32_t>(pack.records[g].group_source);
    for (const ErrorOut& e : results.group_errors[g])
      f.csv_row({"group", str_or_empty(pack.records[g].name), pack.records[source].name, key_of(dataset, source, e.row),
                 utf8(e.message)});
  }
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    const fides_rule_desc& rule = pack.rules[r];
    for (const ErrorOut& e : results.rule_errors[r])
      f.csv_row({"rule", str_or_empty(rule.id), pack.records[rule.subject_record].name,
                 key_of(dataset, rule.subject_record, e.row), utf8(e.message)});
  }
  for (uint32_t c = 0; c < pack.n_scorecards; ++c) {
    const fides_scorecard_desc& card = pack.scorecards[c];
    for (const ErrorOut& e : results.scorecard_errors[c])
      f.csv_row({"scorecard", str_or_empty(card.name), pack.records[card.subject_record].name,
                 key_of(dataset, card.subject_record, e.row), utf8(e.message)});
  }
  return finish(f, error);
}

bool write_rejects(const std::string& path, const data::Dataset& dataset, std::string& error) {
  OutputFile f;
  if (!f.open(path)) return finish(f, error);
  f.write("file,line,column,reason,text\n");
  for (const data::Reject& r : dataset.rejects)
    f.csv_row({r.file, std::to_string(r.line), std::to_string(r.column), r.reason, r.text});
  return finish(f, error);
}

}  // namespace fides::host
