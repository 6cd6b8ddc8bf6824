#include "host/evaluate.h"

#include <chrono>
#include <memory>

#include "data/descriptor_check.h"
#include "data/groups.h"
#include "data/indexes.h"
#include "data/release_memory.h"
#include "host/findings_view.h"
#include "tasks/thread_pool.h"

namespace fides::host {
namespace {
enum class Kind : uint8_t { rule, scorecard, group };

struct Task {
  Kind kind = Kind::rule;
  uint32_t index = 0;
  int64_t begin = 0, end = 0;
  std::unique_ptr<SinkBuffer> sink;
  int status = 0;
};

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

class Runner {
 public:
  Runner(const Evaluator& e, const data::Dataset& d, const EvalOptions& o, Results& r)
      : members_(e.pack->n_records), eval_(e), pack_(*e.pack), data_(d), opt_(o), res_(r),
        threads_(tasks::resolve_threads(o.threads)) {}

  // The rows an entry point runs over: a rule's or scorecard's subject, a
  // group's `for` record.
  uint32_t rows_of(Kind kind, uint32_t index) const {
    switch (kind) {
      case Kind::rule: return pack_.rules[index].subject_record;
      case Kind::scorecard: return pack_.scorecards[index].subject_record;
      case Kind::group: return static_cast<uint32_t>(pack_.records[index].group_source);
    }
    return 0;
  }

  // The rows the given entry points run over, together.
  int64_t rows_to_run(Kind kind, const std::vector<uint32_t>& which) const {
    int64_t total = 0;
    for (uint32_t index : which) total += data_.records[rows_of(kind, index)].n_rows;
    return total;
  }

  // Runs the given rules, scorecards or groups (by record) with `findings`
  // visible, as one stage of the progress.
  bool run(const char* stage, Kind kind, const std::vector<uint32_t>& which,
           const fides_findings_view* findings, std::string& error) {
    if (opt_.progress) opt_.progress->stage(stage, rows_to_run(kind, which));
    bool ok = run_within_stage(stage, kind, which, findings, error);
    if (opt_.progress) opt_.progress->finish();
    return ok;
  }

  // The same, as a part of a stage the caller began.
  bool run_within_stage(const char* stage, Kind kind, const std::vector<uint32_t>& which,
                        const fides_findings_view* findings, std::string& error) {
    std::vector<Task> tasks;
    for (uint32_t index : which) {
      int64_t n = data_.records[rows_of(kind, index)].n_rows;
      int64_t chunk = opt_.chunk_rows > 0 ? opt_.chunk_rows : chunk_for(n, threads_);
      for (int64_t b = 0; b < n; b += chunk) {
        Task t;
        t.kind = kind;
        t.index = index;
        t.begin = b;
        t.end = std::min(n, b + chunk);
        tasks.push_back(std::move(t));
      }
    }
    const EvalFn& fn = kind == Kind::rule ? eval_.eval_rule : kind == Kind::scorecard ? eval_.eval_scorecard : eval_.eval_group;
    if (!tasks.empty() && !fn) {
      error = std::string("the evaluator has no entry point for ") + stage;
      return false;
    }
    fides_eval_ctx base = data_.context();
    base.findings = findings;
    base.out = &SinkBuffer::vtbl;
    base.row_cache = opt_.row_cache;
    tasks::run_tasks(
        tasks.size(), threads_,
        [&](size_t i) {
          Task& t = tasks[i];
          t.sink = std::make_unique<SinkBuffer>(pack_);
          fides_eval_ctx ctx = base;
          ctx.sink = t.sink.get();
          t.status = fn(&ctx, t.index, t.begin, t.end);
          t.sink->sort_by_row();
          if (opt_.progress) opt_.progress->add(t.end - t.begin);
        },
        [&] {
          if (opt_.progress) opt_.progress->print();
        });
    reserve_members(tasks);
    for (Task& t : tasks) {
      if (t.status != 0) {
        const char* name = t.kind == Kind::rule        ? pack_.rules[t.index].id
                           : t.kind == Kind::scorecard ? pack_.scorecards[t.index].name
                                                       : pack_.records[t.index].name;
        const char* what = t.kind == Kind::rule ? "rule " : t.kind == Kind::scorecard ? "scorecard " : "group ";
        error = std::string(what) + name + " could not be evaluated for rows " +
                std::to_string(t.begin) + ".." + std::to_string(t.end - 1) + " (status " +
                std::to_string(t.status) + ", out of memory?)";
        return false;
      }
      if (t.kind == Kind::group) {
        data::GroupMembers& m = members_[t.index];
        data::GroupMembers& chunk = t.sink->members;
        m.rows.insert(m.rows.end(), chunk.rows.begin(), chunk.rows.end());
        m.values.insert(m.values.end(), chunk.values.begin(), chunk.values.end());
        m.texts.insert(m.texts.end(), std::make_move_iterator(chunk.texts.begin()),
                       std::make_move_iterator(chunk.texts.end()));
        for (ErrorOut& e : t.sink->errors) res_.group_errors[t.index].push_back(std::move(e));
      } else if (t.kind == Kind::scorecard) {
        auto& scores = res_.scores[t.index];
        for (ScoreOut& s : t.sink->scores) {
          s.scorecard = t.index;
          scores.push_back(std::move(s));
        }
        for (ErrorOut& e : t.sink->errors) res_.scorecard_errors[t.index].push_back(std::move(e));
      } else {
        auto& findings_of = res_.findings[t.index];
        for (FindingOut& f : t.sink->findings) {
          f.rule = t.index;
          findings_of.push_back(std::move(f));
        }
        for (ErrorOut& e : t.sink->errors) res_.rule_errors[t.index].push_back(std::move(e));
      }
      t.sink.reset();
    }
    data::release_free_memory();  // the chunks' sink buffers
    return true;
  }

  // Member rows per group record, filled by run(…, Kind::group, …).
  std::vector<data::GroupMembers> members_;

 private:
  // Room for every chunk's members: appended one chunk after another, the
  // vectors would grow by doubling and hold up to twice what they need.
  void reserve_members(const std::vector<Task>& tasks) {
    std::vector<size_t> rows(members_.size()), values(members_.size()), texts(members_.size());
    for (const Task& t : tasks) {
      if (t.kind != Kind::group) continue;
      rows[t.index] += t.sink->members.rows.size();
      values[t.index] += t.sink->members.values.size();
      texts[t.index] += t.sink->members.texts.size();
    }
    for (size_t g = 0; g < members_.size(); ++g) {
      members_[g].rows.reserve(members_[g].rows.size() + rows[g]);
      members_[g].values.reserve(members_[g].values.size() + values[g]);
      members_[g].texts.reserve(members_[g].texts.size() + texts[g]);
    }
  }

  const Evaluator& eval_;
  const fides_pack& pack_;
  const data::Dataset& data_;
  const EvalOptions& opt_;
  Results& res_;
  unsigned threads_;
};

// Runs eval_group over each group's `for` record and forms the groups.
bool form_groups_with(Runner& runner, const fides_pack& pack, data::Dataset& dataset, const EvalOptions& options,
                      std::string& error) {
  std::vector<uint32_t> groups;
  for (uint32_t r = 0; r < pack.n_records; ++r)
    if (pack.records[r].group_source >= 0) groups.push_back(r);
  if (groups.empty()) return true;
  // One group after another (each over every thread), so that only one
  // group's members (a key combination per row of its `for` record) are
  // held at a time.
  if (options.progress) options.progress->stage("groups", runner.rows_to_run(Kind::group, groups));
  bool ok = true;
  for (uint32_t g : groups) {
    ok = runner.run_within_stage("groups", Kind::group, {g}, nullptr, error);
    if (!ok) break;
    data::form_group(pack, g, runner.members_[g], dataset, dataset.arena);
    runner.members_[g] = {};  // formed: the members' keys are not needed any more
    data::release_free_memory();
  }
  if (options.progress) options.progress->finish();
  if (!ok) return false;
  if (!data::build_indexes(pack, dataset, true, error, options.threads)) return false;
  data::release_free_memory();
  dataset.finish();
  return true;
}

void size_results(const fides_pack& pack, Results& results) {
  results = Results{};
  results.findings.resize(pack.n_rules);
  results.rule_errors.resize(pack.n_rules);
  results.scores.resize(pack.n_scorecards);
  results.scorecard_errors.resize(pack.n_scorecards);
  results.group_errors.resize(pack.n_records);
}
}  // namespace

bool form_groups(const Evaluator& evaluator, data::Dataset& dataset, const EvalOptions& options, Results& results,
                 std::string& error) {
  size_results(*evaluator.pack, results);
  Runner runner(evaluator, dataset, options, results);
  return form_groups_with(runner, *evaluator.pack, dataset, options, error);
}

bool evaluate(const Evaluator& evaluator, data::Dataset& dataset, const EvalOptions& options,
              Results& results, Timings& timings, std::string& error) {
  const fides_pack& pack = *evaluator.pack;
  size_results(pack, results);
  std::vector<uint32_t> first, second, cards;
  for (uint32_t r = 0; r < pack.n_rules; ++r) (pack.rules[r].uses_hits ? second : first).push_back(r);
  for (uint32_t s = 0; s < pack.n_scorecards; ++s) cards.push_back(s);

  Runner runner(evaluator, dataset, options, results);
  auto t = std::chrono::steady_clock::now();
  if (!form_groups_with(runner, pack, dataset, options, error)) return false;
  if (data::input_record_count(pack) < pack.n_records) {
    timings.emplace_back("groups_ms", ms_since(t));
    t = std::chrono::steady_clock::now();
  }
  if (!runner.run("rules", Kind::rule, first, nullptr, error)) return false;
  timings.emplace_back("rules_ms", ms_since(t));

  const data::RowKeyFn key_of = [&dataset](uint32_t record, int64_t row) { return dataset.key_of(record, row); };
  auto lists = [&](bool all) {
    std::vector<const std::vector<FindingOut>*> out;
    for (uint32_t r = 0; r < pack.n_rules; ++r)
      if (all || !pack.rules[r].uses_hits) out.push_back(&results.findings[r]);
    return out;
  };
  if (!second.empty()) {
    t = std::chrono::steady_clock::now();
    FindingsView view(pack, dataset.record_data.data(), key_of, lists(false));
    timings.emplace_back("findings_view_ms", ms_since(t));
    t = std::chrono::steady_clock::now();
    if (!runner.run("rules using hits", Kind::rule, second, view.view(), error)) return false;
    timings.emplace_back("rules_using_hits_ms", ms_since(t));
  }
  if (!cards.empty()) {
    t = std::chrono::steady_clock::now();
    FindingsView view(pack, dataset.record_data.data(), key_of, lists(true));
    timings.emplace_back("all_findings_view_ms", ms_since(t));
    t = std::chrono::steady_clock::now();
    if (!runner.run("scorecards", Kind::scorecard, cards, view.view(), error)) return false;
    timings.emplace_back("scorecards_ms", ms_since(t));
  }
  return true;
}

}  // namespace fides::host
