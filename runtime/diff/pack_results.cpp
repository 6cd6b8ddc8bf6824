#include "diff/pack_results.h"

#include "data/loader.h"
#include "host/evaluate.h"
#include "host/evaluator.h"
#include "host/progress.h"

namespace fides::diff {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }

template <typename Declares>
bool declared(uint32_t n, Declares name_of, const std::string& name) {
  for (uint32_t i = 0; i < n; ++i)
    if (name == str_or_empty(name_of(i))) return true;
  return false;
}
}  // namespace

data::LoadOptions options_for(const fides_pack& pack, const data::LoadOptions& given) {
  data::LoadOptions out = given;
  out.params.clear();
  out.table_files.clear();
  out.input_files.clear();
  for (const auto& [name, value] : given.params)
    if (declared(pack.n_params, [&](uint32_t i) { return pack.params[i].name; }, name))
      out.params.emplace_back(name, value);
  for (const auto& [name, file] : given.table_files)
    if (declared(pack.n_tables, [&](uint32_t i) { return pack.tables[i].name; }, name)) out.table_files[name] = file;
  for (const auto& [name, file] : given.input_files)
    if (declared(pack.n_records, [&](uint32_t i) { return pack.records[i].name; }, name)) out.input_files[name] = file;
  return out;
}

bool score_pack(const fides_pack& pack, const host::ScoreCommand& command, PackResults& out, std::string& error,
                int& status, FILE* err) {
  data::LoadFailure failure;
  data::LoadOptions load = options_for(pack, command.options.load);
  load.threads = command.options.threads;
  std::unique_ptr<data::Dataset> dataset = data::load_dataset(pack, load, failure);
  if (!dataset) {
    error = failure.message;
    status = failure.exit_code;
    return false;
  }
  for (const std::string& w : dataset->warnings) std::fprintf(err, "fides diff: warning: %s\n", w.c_str());
  host::Progress progress(host::progress_mode(command.options.progress, command.options.live_progress, err), err);
  host::EvalOptions eval;
  eval.threads = command.options.threads;
  eval.progress = &progress;
  host::Results results;
  host::Timings timings;
  if (!host::evaluate(host::evaluator_of(pack), *dataset, eval, results, timings, error)) {
    status = 1;
    return false;
  }
  out.name = str_or_empty(pack.name);
  out.version = str_or_empty(pack.version);
  out.hash = str_or_empty(pack.hash);
  for (const data::InputStat& in : dataset->inputs) {
    out.loaded += in.loaded;
    out.rejected += in.rejected;
  }
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    const fides_rule_desc& rule = pack.rules[r];
    KeyedRule keyed{str_or_empty(rule.id), str_or_empty(rule.name), {},
                    static_cast<int64_t>(results.rule_errors[r].size())};
    for (const host::FindingOut& f : results.findings[r])
      keyed.findings.push_back({str_or_empty(pack.records[rule.subject_record].name),
                                std::string(dataset->key_of(rule.subject_record, f.row)), f.amount});
    out.rules.push_back(std::move(keyed));
  }
  for (uint32_t s = 0; s < pack.n_scorecards; ++s) {
    const fides_scorecard_desc& card = pack.scorecards[s];
    KeyedScorecard keyed{str_or_empty(card.name), str_or_empty(pack.records[card.subject_record].name), {},
                         static_cast<int64_t>(results.scorecard_errors[s].size())};
    for (const host::ScoreOut& score : results.scores[s])
      keyed.scores.push_back(host::listed_subject(pack, *dataset, card, score));
    out.scorecards.push_back(std::move(keyed));
  }
  return true;
}

}  // namespace fides::diff
