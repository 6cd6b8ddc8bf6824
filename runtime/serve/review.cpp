#include "serve/review.h"

#include <algorithm>
#include <chrono>

#include "data/groups.h"
#include "host/attribution.h"
#include "host/findings_view.h"
#include "serve/row_cache.h"
#include "serve/row_runs.h"

namespace fides::serve {
namespace {
using RowsByRecord = std::vector<std::vector<int64_t>>;

void sort_unique(std::vector<int64_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The request's rows, the groups they joined, and all that these reach.
RowsByRecord subjects_of(const fides_pack& pack, const ReviewData& data, const StagedRequest& request,
                         const host::Attribution& attribution) {
  RowsByRecord seeds(pack.n_records), out(pack.n_records);
  for (uint32_t r = 0; r < request.records.size(); ++r)
    for (const RequestRow& row : request.records[r]) seeds[r].push_back(row.row);
  for (uint32_t g = 0; g < pack.n_records; ++g)
    if (g < data.joined().size()) seeds[g].insert(seeds[g].end(), data.joined()[g].begin(), data.joined()[g].end());
  std::vector<host::RowRef> reached;
  for (uint32_t r = 0; r < pack.n_records; ++r)
    for (int64_t row : seeds[r]) {
      attribution.rows_of(r, row, reached);
      for (const auto& [record, i] : reached) out[record].push_back(i);
    }
  for (auto& rows : out) sort_unique(rows);
  return out;
}

// Adds the time since the last lap to a ReviewTimes slot, when there is one.
class Laps {
 public:
  explicit Laps(ReviewTimes* times) : times_(times) {}
  void lap(double ReviewTimes::*slot) {
    if (times_) times_->*slot += next();
  }
  void lap_rule(uint32_t rule) {
    if (!times_) return;
    if (times_->rules.size() <= rule) times_->rules.resize(rule + 1);
    times_->rules[rule] += next();
  }

 private:
  double next() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }
  ReviewTimes* times_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

class Evaluation {
 public:
  Evaluation(const History& history, const ReviewData& data, const fides_row_cache* row_cache, Laps& laps)
      : h_(history), pack_(history.pack()), data_(data), base_(data.context()), laps_(laps) {
    base_.row_cache = row_cache;
    findings_.assign(pack_.n_rules, {});
    errors_.assign(pack_.n_rules, {});
  }

  // Runs `rule` on its subjects among `subjects`, seeing `view` (may be null).
  bool run(uint32_t rule, const RowsByRecord& subjects, const fides_findings_view* view, std::string& error) {
    const std::vector<int64_t>& rows = subjects[pack_.rules[rule].subject_record];
    if (rows.empty()) return true;
    host::SinkBuffer sink(pack_);
    fides_eval_ctx ctx = base_;
    ctx.findings = view;
    ctx.sink = &sink;
    ctx.out = &host::SinkBuffer::vtbl;
    int status = for_each_run(rows, [&](int64_t begin, int64_t end) {
      return h_.evaluator().eval_rule(&ctx, rule, begin, end);
    });
    if (status != 0) {
      error = std::string("rule ") + pack_.rules[rule].id + " could not be evaluated (status " + std::to_string(status) +
              ", out of memory?)";
      return false;
    }
    sink.sort_by_row();
    for (host::FindingOut& f : sink.findings) {
      f.rule = rule;
      findings_[rule].push_back(std::move(f));
    }
    for (host::ErrorOut& e : sink.errors) errors_[rule].push_back(std::move(e));
    laps_.lap_rule(rule);
    return true;
  }

  // What hits(x) sees: the history's first-stratum findings, those on the
  // subjects replaced by this evaluation's.
  bool run_using_hits(const RowsByRecord& subjects, std::string& error) {
    std::vector<std::vector<host::FindingOut>> merged(pack_.n_rules);
    std::vector<const std::vector<host::FindingOut>*> lists;
    for (uint32_t r = 0; r < pack_.n_rules; ++r) {
      if (pack_.rules[r].uses_hits) continue;
      const std::vector<int64_t>& mine = subjects[pack_.rules[r].subject_record];
      for (host::FindingOut f : h_.first_stratum(r)) {
        f.row = data_.from_history(pack_.rules[r].subject_record, f.row);
        if (f.row >= 0 && !std::binary_search(mine.begin(), mine.end(), f.row)) merged[r].push_back(std::move(f));
      }
      merged[r].insert(merged[r].end(), findings_[r].begin(), findings_[r].end());
      std::stable_sort(merged[r].begin(), merged[r].end(),
                       [](const host::FindingOut& a, const host::FindingOut& b) { return a.row < b.row; });
      lists.push_back(&merged[r]);
    }
    const data::RowKeyFn key_of = [this](uint32_t record, int64_t row) { return data_.key_of(record, row); };
    host::FindingsView view(pack_, base_.records, key_of, lists);
    laps_.lap(&ReviewTimes::hits_view);
    for (uint32_t r = 0; r < pack_.n_rules; ++r)
      if (pack_.rules[r].uses_hits && !run(r, subjects, view.view(), error)) return false;
    return true;
  }

  const std::vector<host::FindingOut>& findings(uint32_t rule) const { return findings_[rule]; }
  const std::vector<host::ErrorOut>& errors(uint32_t rule) const { return errors_[rule]; }

 private:
  const History& h_;
  const fides_pack& pack_;
  const ReviewData& data_;
  fides_eval_ctx base_;
  Laps& laps_;
  std::vector<std::vector<host::FindingOut>> findings_;  // [rule], by row
  std::vector<std::vector<host::ErrorOut>> errors_;      // [rule], by row
};

bool known_finding(const KnownFindings& known, const std::string& key, const host::FindingOut& f) {
  auto it = known.find(key);
  return it != known.end() && it->second.amount == f.amount && it->second.points == f.points &&
         it->second.message == f.message;
}

bool known_error(const KnownErrors& known, const std::string& key, const std::string& message) {
  auto it = known.find(key);
  return it != known.end() && it->second == message;
}

void attribute(const ReviewData& data, const host::Attribution& attribution, uint32_t subject, AnswerFinding& out) {
  std::vector<host::RowRef> rows;
  attribution.rows_of(subject, out.row, rows);
  std::sort(rows.begin(), rows.end());
  for (uint32_t r : attribution.input_records()) {
    std::vector<std::string> keys;
    for (const auto& [record, row] : rows)
      if (record == r) keys.emplace_back(data.key_of(record, row));
    if (!keys.empty()) out.attributed.emplace_back(r, std::move(keys));
  }
}
}  // namespace

bool review(const History& history, const ReviewData& data, const StagedRequest& request, Answer& answer,
            std::string& error, ReviewTimes* times) {
  Laps laps(times);
  const fides_pack& pack = history.pack();
  const fides_eval_ctx ctx = data.context();
  const host::Attribution attribution(pack, ctx.records);
  const RowsByRecord subjects = subjects_of(pack, data, request, attribution);
  laps.lap(&ReviewTimes::subjects);
  const RequestRowCache row_cache(history.row_cache(), subjects);
  laps.lap(&ReviewTimes::row_cache);
  Evaluation evaluation(history, data, data.keeps_history_rows() ? row_cache.get() : nullptr, laps);
  bool hits_needed = false;
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    if (pack.rules[r].uses_hits) hits_needed = hits_needed || !subjects[pack.rules[r].subject_record].empty();
    else if (!evaluation.run(r, subjects, nullptr, error)) return false;
  }
  if (hits_needed && !evaluation.run_using_hits(subjects, error)) return false;

  answer = Answer{};
  for (const host::ErrorOut& e : data.group_errors()) {
    const auto source = static_cast<uint32_t>(pack.records[e.index].group_source);
    std::string key(data.key_of(source, e.row));
    if (known_error(history.group_errors(e.index), key, e.message)) continue;
    answer.errors.push_back({"group", pack.records[e.index].name, pack.records[source].name, std::move(key), e.message});
  }
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    const uint32_t subject = pack.rules[r].subject_record;
    for (const host::FindingOut& f : evaluation.findings(r)) {
      std::string key(data.key_of(subject, f.row));
      if (known_finding(history.findings(r), key, f)) continue;
      AnswerFinding out{r, f.row, std::move(key), f.amount, f.points, f.message, {}};
      attribute(data, attribution, subject, out);
      answer.findings.push_back(std::move(out));
    }
    for (const host::ErrorOut& e : evaluation.errors(r)) {
      std::string key(data.key_of(subject, e.row));
      if (known_error(history.rule_errors(r), key, e.message)) continue;
      answer.errors.push_back({"rule", pack.rules[r].id, pack.records[subject].name, std::move(key), e.message});
    }
  }
  laps.lap(&ReviewTimes::answer);
  return true;
}

}  // namespace fides::serve
