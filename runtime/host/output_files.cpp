#include "host/output_files.h"

#include <algorithm>

#include "data/utf8.h"
#include "data/values.h"
#include "host/attribution.h"
#include "host/output_file.h"
#include "host/reasons.h"

namespace fides::host {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }

const Masking& shown(const CsvOutput& how) {
  static const Masking unmasked;
  return how.masking ? *how.masking : unmasked;
}

std::string key_of(const data::Dataset& dataset, const Masking& masking, uint32_t record, int64_t row) {
  if (record >= dataset.records.size() || row < 0 || row >= dataset.records[record].n_rows) return "";
  return masking.key(record, dataset.key_of(record, row));
}

// Text from a pack, made safe for a UTF-8 file and masked.
std::string utf8(const Masking& masking, std::string_view s) {
  return masking.text(data::utf8_valid(s) ? std::string(s) : data::utf8_repair(s));
}

bool start(OutputFile& f, const std::string& path, const CsvOutput& how) {
  if (!how.check_only) return f.open(path, how.encoding);
  f.open_check(path, how.encoding);
  return true;
}

bool finish(OutputFile& f, std::string& error) {
  if (f.close()) return true;
  error = f.error();
  return false;
}

// The attribution cell of each input record type for one finding: the keys
// of that type's attributed rows, in input order, joined by ';'.
class AttributionCells {
 public:
  AttributionCells(const fides_pack& pack, const data::Dataset& dataset, const Masking& masking)
      : dataset_(dataset), masking_(masking), attribution_(pack, dataset.record_data.data()),
        records_(attribution_.input_records()),
        cells_(records_.size()) {}

  const std::vector<uint32_t>& records() const { return records_; }

  const std::vector<std::string>& of(uint32_t subject, int64_t row) {
    attribution_.rows_of(subject, row, rows_);
    std::sort(rows_.begin(), rows_.end());
    for (size_t c = 0; c < records_.size(); ++c) {
      cells_[c].clear();
      for (const auto& [r, i] : rows_) {
        if (r != records_[c]) continue;
        if (!cells_[c].empty()) cells_[c] += ';';
        cells_[c] += key_of(dataset_, masking_, r, i);
      }
    }
    return cells_;
  }

 private:
  const data::Dataset& dataset_;
  const Masking& masking_;
  Attribution attribution_;
  std::vector<uint32_t> records_;
  std::vector<RowRef> rows_;
  std::vector<std::string> cells_;
};
}  // namespace

bool write_findings(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                    const Results& results, std::string& error, const CsvOutput& how) {
  OutputFile f;
  if (!start(f, path, how)) return finish(f, error);
  const Masking& masking = shown(how);
  AttributionCells attributed(pack, dataset, masking);
  std::vector<std::string_view> cells = {"rule_id", "rule_name", "category", "severity", "verdict",
                                         "record",  "key",       "amount",   "points",   "message"};
  for (uint32_t r : attributed.records()) cells.push_back(pack.records[r].name);
  f.csv_row(cells.data(), cells.size());
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    const fides_rule_desc& rule = pack.rules[r];
    const char* record = pack.records[rule.subject_record].name;
    std::string severity = data::format_severity_value(rule.severity);
    const char* verdict = rule.verdict ? "definite" : "suspicious";
    for (const FindingOut& x : results.findings[r]) {
      std::string key = key_of(dataset, masking, rule.subject_record, x.row),
                  amount = data::format_money_value(x.amount), points = data::format_int_value(x.points),
                  message = utf8(masking, x.message);
      cells = {str_or_empty(rule.id), str_or_empty(rule.name), str_or_empty(rule.category), severity, verdict,
               record, key, amount, points, message};
      for (const std::string& cell : attributed.of(rule.subject_record, x.row)) cells.push_back(cell);
      f.csv_row(cells.data(), cells.size());
    }
  }
  return finish(f, error);
}

bool write_scores(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                  const Results& results, std::string& error, const CsvOutput& how) {
  OutputFile f;
  if (!start(f, path, how)) return finish(f, error);
  f.csv_row({"scorecard", "record", "key", "score", "grade", "reasons"});
  const Masking& masking = shown(how);
  for (uint32_t c = 0; c < pack.n_scorecards; ++c) {
    const fides_scorecard_desc& card = pack.scorecards[c];
    const char* record = pack.records[card.subject_record].name;
    for (const ScoreOut& s : results.scores[c]) {
      const char* grade = s.grade < card.n_grades ? str_or_empty(card.grades[s.grade]) : "";
      f.csv_row({str_or_empty(card.name), record, key_of(dataset, masking, card.subject_record, s.row),
                 score_text(card, s.score), grade, reasons_cell(card, s.items)});
    }
  }
  return finish(f, error);
}

bool write_errors(const std::string& path, const fides_pack& pack, const data::Dataset& dataset,
                  const Results& results, std::string& error, const CsvOutput& how) {
  OutputFile f;
  if (!start(f, path, how)) return finish(f, error);
  f.csv_row({"kind", "id", "record", "key", "message"});
  const Masking& masking = shown(how);
  // A group's key errors first: they happen before any rule runs.
  for (uint32_t g = 0; g < results.group_errors.size(); ++g) {
    auto source = static_cast<uint32_t>(pack.records[g].group_source);
    for (const ErrorOut& e : results.group_errors[g])
      f.csv_row({"group", str_or_empty(pack.records[g].name), pack.records[source].name,
                 key_of(dataset, masking, source, e.row), utf8(masking, e.message)});
  }
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    const fides_rule_desc& rule = pack.rules[r];
    for (const ErrorOut& e : results.rule_errors[r])
      f.csv_row({"rule", str_or_empty(rule.id), pack.records[rule.subject_record].name,
                 key_of(dataset, masking, rule.subject_record, e.row), utf8(masking, e.message)});
  }
  for (uint32_t c = 0; c < pack.n_scorecards; ++c) {
    const fides_scorecard_desc& card = pack.scorecards[c];
    for (const ErrorOut& e : results.scorecard_errors[c])
      f.csv_row({"scorecard", str_or_empty(card.name), pack.records[card.subject_record].name,
                 key_of(dataset, masking, card.subject_record, e.row), utf8(masking, e.message)});
  }
  return finish(f, error);
}

bool write_rejects(const std::string& path, const data::Dataset& dataset, std::string& error,
                   const CsvOutput& how) {
  OutputFile f;
  if (!start(f, path, how)) return finish(f, error);
  f.csv_row({"file", "line", "column", "reason", "text"});
  // Reason and text echo a rejected row's cells for diagnosis (ill-formed bytes
  // already replaced by U+FFFD), so what the encoding cannot hold is escaped, not fatal.
  const Masking& masking = shown(how);
  for (const data::Reject& rejected : dataset.rejects) {
    data::Reject r = masking.reject(rejected);
    f.csv_row({r.file, std::to_string(r.line), std::to_string(r.column), f.representable(r.reason),
               f.representable(r.text)});
  }
  return finish(f, error);
}

}  // namespace fides::host
