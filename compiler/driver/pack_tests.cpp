#include "driver/pack_tests.h"

#include <filesystem>
#include <set>

#include "builtins/fides_builtins.h"
#include "data/loader.h"
#include "host/evaluate.h"
#include "host/reasons.h"

namespace fides::driver {
namespace {

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string money_text(int64_t v) {
  char buf[FIDES_MONEY_BUF];
  return std::string(buf, fides_format_money(v, buf));
}

// The given rows of one test as one CSV text per record, header from the descriptor.
std::map<std::string, std::string> given_inputs(const lower::Plan& plan, const sema::Test& test) {
  const sema::Program& p = *plan.program;
  std::map<std::string, std::string> inputs;
  for (uint32_t r = 0; r < p.records.size(); ++r) {
    if (p.records[r].is_group()) continue;  // formed from the given rows, never given
    const lower::RecordDescription& rd = plan.description.records[r];
    std::string text;
    for (size_t k = 0; k < rd.fields.size(); ++k) text += (k ? "," : "") + csv_cell(rd.fields[k].column);
    text += "\n";
    for (const sema::Given& g : test.givens) {
      if (g.record.index != r) continue;
      bool first = true;
      for (uint32_t f = 0; f < p.records[r].fields.size(); ++f) {
        if (plan.columns[r][f] < 0) continue;
        text += (first ? "" : ",") + csv_cell(sema::format_value(g.fields[f]));
        first = false;
      }
      text += "\n";
    }
    inputs[p.records[r].name] = text;
  }
  return inputs;
}

// What one evaluation of one test produced, with the dataset to name keys.
struct Evaluation {
  std::unique_ptr<data::Dataset> data;
  host::Results results;
  std::string problem;  // set when it could not run
};

Evaluation evaluate_test(const lower::Plan& plan, const host::Evaluator& evaluator, const sema::Test& test) {
  Evaluation ev;
  data::LoadOptions options;
  std::error_code ec;  // the folder is never read: every input is given as text
  options.data_dir = std::filesystem::temp_directory_path(ec).string();
  options.input_texts = given_inputs(plan, test);
  data::LoadFailure failure;
  ev.data = data::load_dataset(*evaluator.pack, options, failure);
  if (!ev.data) {
    ev.problem = "the given rows could not be loaded: " + failure.message;
    return ev;
  }
  if (!ev.data->rejects.empty()) {
    const auto& rej = ev.data->rejects.front();
    ev.problem = "a given row was rejected: " + rej.file + ": " + rej.reason;
    return ev;
  }
  host::Timings timings;
  std::string error;
  if (!host::evaluate(evaluator, *ev.data, host::EvalOptions{1}, ev.results, timings, error))
    ev.problem = error;
  return ev;
}

// `expect error R on "K"`: the error that ended R's evaluation on K, or null.
const host::ErrorOut* error_on(const Evaluation& ev, uint32_t rule, const std::string& key) {
  const fides_pack& pack = *ev.data->pack;
  for (const host::ErrorOut& e : ev.results.rule_errors[rule])
    if (ev.data->key_of(pack.rules[rule].subject_record, e.row) == key) return &e;
  return nullptr;
}

// A rule's evaluation error fails the test unless an `expect error` names it.
void unexpected_errors(const sema::Test& test, const Evaluation& ev, TestOutcome& out) {
  const fides_pack& pack = *ev.data->pack;
  std::set<std::pair<uint32_t, std::string>> expected;
  for (const sema::Expect& x : test.expects)
    if (x.kind == ast::Expectation::Kind::error && x.key) expected.insert({x.target, *x.key});
  for (uint32_t g = 0; g < ev.results.group_errors.size(); ++g)
    for (const host::ErrorOut& e : ev.results.group_errors[g])
      out.failures.push_back({std::string("group ") + pack.records[g].name + " could not be formed: " + e.message,
                              test.span});
  for (uint32_t r = 0; r < pack.n_rules; ++r)
    for (const host::ErrorOut& e : ev.results.rule_errors[r])
      if (!expected.count({r, std::string(ev.data->key_of(pack.rules[r].subject_record, e.row))}))
        out.failures.push_back({std::string("rule ") + pack.rules[r].id + " could not be evaluated: " + e.message,
                                test.span});
}

void check_expectations(const lower::Plan& plan, const sema::Test& test, const Evaluation& ev, TestOutcome& out) {
  const fides_pack& pack = *ev.data->pack;
  unexpected_errors(test, ev, out);
  for (uint32_t s = 0; s < pack.n_scorecards; ++s)
    for (const host::ErrorOut& e : ev.results.scorecard_errors[s])
      out.failures.push_back({std::string("scorecard ") + pack.scorecards[s].name +
                                  " could not be evaluated: " + e.message,
                              test.span});
  for (const sema::Expect& x : test.expects) {
    ++out.expectations;
    auto fail = [&](std::string message) { out.failures.push_back({std::move(message), x.span}); };
    std::string on = x.key ? " \"" + *x.key + "\"" : "";
    if (x.kind == ast::Expectation::Kind::score) {
      const fides_scorecard_desc& card = pack.scorecards[x.target];
      std::string what = std::string("expect score ") + card.name + " of" + on;
      bool found = false;
      for (const host::ScoreOut& s : ev.results.scores[x.target]) {
        if (x.key && ev.data->key_of(card.subject_record, s.row) != *x.key) continue;
        found = true;
        std::string got = host::score_text(card, s.score);
        std::string grade = s.grade < card.n_grades ? card.grades[s.grade] : "";
        if (x.score && sema::format_value(*x.score) != got)
          fail(what + " == " + sema::format_value(*x.score) + ": the score is " + got);
        if (x.grade && *x.grade != grade)
          fail(what + " grade \"" + *x.grade + "\": the grade is \"" + grade + "\"");
      }
      if (!found) fail(what + ": no score was computed for it");
      continue;
    }
    const fides_rule_desc& rule = pack.rules[x.target];
    // A group subject's keys exist only once the groups are formed, so the
    // check that sema makes for input records (E0540) is made here for groups.
    const fides_record_desc& subject = pack.records[rule.subject_record];
    if (x.key && subject.group_source >= 0 && ev.data->records[rule.subject_record].find_row(*x.key) < 0) {
      std::string formed;
      for (int64_t g = 0; g < ev.data->records[rule.subject_record].n_rows; ++g)
        formed += (g ? ", \"" : "\"") + std::string(ev.data->key_of(rule.subject_record, g)) + "\"";
      fail(std::string("expect ") + rule.id + " on" + on + ": no " + subject.name +
                             " with that key is formed from the given rows" +
                             (formed.empty() ? std::string(" (none is formed)") : " (formed: " + formed + ")"));
      continue;
    }
    if (x.kind == ast::Expectation::Kind::error) {
      if (!error_on(ev, x.target, x.key.value_or("")))
        fail(std::string("expect error ") + rule.id + " on" + on +
                               ": it was evaluated without an error");
      continue;
    }
    if (x.kind == ast::Expectation::Kind::count) {
      size_t got = ev.results.findings[x.target].size();
      if (x.count && static_cast<int64_t>(got) != *x.count)
        fail(std::string("expect count ") + rule.id + " == " + std::to_string(*x.count) +
                               ": it hit " + std::to_string(got) + " time(s)");
      continue;
    }
    std::vector<std::string> amounts;
    for (const host::FindingOut& f : ev.results.findings[x.target])
      if (!x.key || ev.data->key_of(rule.subject_record, f.row) == *x.key) amounts.push_back(money_text(f.amount));
    if (x.kind == ast::Expectation::Kind::no_hit) {
      if (!amounts.empty())
        fail(std::string("expect no hit ") + rule.id + on + ": it hit " +
                               std::to_string(amounts.size()) + " time(s)");
    } else if (amounts.empty()) {
      fail(std::string("expect hit ") + rule.id + " on" + on + ": no finding");
    } else if (x.amount) {
      std::string want = sema::format_value(*x.amount);
      bool any = false;
      for (const std::string& a : amounts) any = any || a == want;
      if (!any)
        fail(std::string("expect hit ") + rule.id + " on" + on + " amount " + want +
                               ": the amount is " + amounts.front());
    }
  }
}

// The first difference between two evaluations' results, or "".
std::string first_difference(const fides_pack& pack, const host::Results& a, const host::Results& b) {
  for (uint32_t r = 0; r < pack.n_rules; ++r) {
    const auto &fa = a.findings[r], &fb = b.findings[r];
    if (fa.size() != fb.size())
      return std::string("rule ") + pack.rules[r].id + ": " + std::to_string(fa.size()) + " findings natively, " +
             std::to_string(fb.size()) + " interpreted";
    for (size_t i = 0; i < fa.size(); ++i)
      if (fa[i].row != fb[i].row || fa[i].amount != fb[i].amount || fa[i].points != fb[i].points ||
          fa[i].message != fb[i].message)
        return std::string("rule ") + pack.rules[r].id + ": finding " + std::to_string(i + 1) +
               " differs (native \"" + fa[i].message + "\" " + money_text(fa[i].amount) + ", interpreted \"" +
               fb[i].message + "\" " + money_text(fb[i].amount) + ")";
    const auto &ea = a.rule_errors[r], &eb = b.rule_errors[r];
    if (ea.size() != eb.size() || (!ea.empty() && ea.front().message != eb.front().message))
      return std::string("rule ") + pack.rules[r].id + ": evaluation errors differ";
  }
  for (uint32_t g = 0; g < a.group_errors.size(); ++g) {
    const auto &ea = a.group_errors[g], &eb = b.group_errors[g];
    if (ea.size() != eb.size() || (!ea.empty() && ea.front().message != eb.front().message))
      return std::string("group ") + pack.records[g].name + ": key errors differ";
  }
  for (uint32_t s = 0; s < pack.n_scorecards; ++s) {
    const auto &sa = a.scores[s], &sb = b.scores[s];
    bool same = sa.size() == sb.size();
    for (size_t i = 0; same && i < sa.size(); ++i)
      same = sa[i].row == sb[i].row && sa[i].score == sb[i].score && sa[i].grade == sb[i].grade &&
             sa[i].items == sb[i].items;
    if (!same) return std::string("scorecard ") + pack.scorecards[s].name + ": scores differ";
    if (a.scorecard_errors[s].size() != b.scorecard_errors[s].size())
      return std::string("scorecard ") + pack.scorecards[s].name + ": evaluation errors differ";
  }
  return "";
}

}  // namespace

std::vector<TestOutcome> run_pack_tests(const lower::Plan& plan, const host::Evaluator& evaluator) {
  std::vector<TestOutcome> outcomes;
  for (const sema::Test& test : plan.program->tests) {
    TestOutcome out{test.name, test.span, {}, 0};
    Evaluation ev = evaluate_test(plan, evaluator, test);
    if (!ev.problem.empty()) out.failures.push_back({ev.problem, test.span});
    else check_expectations(plan, test, ev, out);
    outcomes.push_back(std::move(out));
  }
  return outcomes;
}

std::vector<TestOutcome> run_pack_tests_agreeing(const lower::Plan& plan, const host::Evaluator& native,
                                                 const host::Evaluator& interpreted) {
  std::vector<TestOutcome> outcomes;
  for (const sema::Test& test : plan.program->tests) {
    TestOutcome out{test.name, test.span, {}, 0};
    Evaluation a = evaluate_test(plan, native, test);
    Evaluation b = evaluate_test(plan, interpreted, test);
    if (!a.problem.empty()) {
      out.failures.push_back({a.problem, test.span});
    } else {
      check_expectations(plan, test, a, out);
      std::string diff = b.problem.empty() ? first_difference(*a.data->pack, a.results, b.results) : b.problem;
      if (!diff.empty()) out.failures.push_back({"the native pack and the interpreter disagree: " + diff, test.span});
    }
    outcomes.push_back(std::move(out));
  }
  return outcomes;
}

std::vector<std::string> untested(const lower::Plan& plan) {
  std::set<uint32_t> rules, scorecards;
  for (const sema::Test& t : plan.program->tests)
    for (const sema::Expect& x : t.expects)
      (x.kind == ast::Expectation::Kind::score ? scorecards : rules).insert(x.target);
  std::vector<std::string> out;
  for (uint32_t r = 0; r < plan.description.rules.size(); ++r)
    if (!rules.count(r)) out.push_back(plan.description.rules[r].id);
  for (uint32_t s = 0; s < plan.description.scorecards.size(); ++s)
    if (!scorecards.count(s)) out.push_back("scorecard " + plan.description.scorecards[s].name);
  return out;
}

}  // namespace fides::driver
