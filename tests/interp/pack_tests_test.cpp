// The `test` blocks of real packs as an oracle: each test's `given` rows are
// loaded as CSV, the pack is evaluated with the interpreter, and every
// `expect` is checked (hit on key with amount as printed, no hit, score and grade).
#include <doctest/doctest.h>

#include <filesystem>

#include "builtins/fides_builtins.h"
#include "data/loader.h"
#include "host/reasons.h"
#include "interp_support.h"

using namespace fides;
using namespace fides::interp::testing;

namespace {

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// Runs every test of the pack at `main`; returns one line per failed expectation.
std::vector<std::string> run_pack_tests(const std::string& main, size_t& expectations) {
  std::vector<std::string> failures;
  auto front = driver::run_front_end(main, FIDES_STDLIB_DIR);
  REQUIRE(front->program);
  std::string diags;
  for (const Diagnostic& d : front->diags.sorted())
    if (d.level == DiagLevel::error) diags += render_text(d, front->sources);
  INFO(diags);
  REQUIRE(!front->diags.has_errors());
  const sema::Program& p = *front->program;
  lower::Plan plan = lower::lower(p, front->sources, lower::LowerOptions{"fides 0.1.0"});
  interp::PackView view(plan.description);
  host::Evaluator ev = interp::make_evaluator(plan, view);
  const fides_pack& pack = view.pack();
  std::string empty = fresh_dir("pack_tests_empty");

  for (const sema::Test& t : p.tests) {
    data::LoadOptions options;
    options.data_dir = empty;
    for (uint32_t r = 0; r < p.records.size(); ++r) {
      std::string text;
      for (uint32_t k = 0; k < pack.records[r].n_fields; ++k)
        text += std::string(k ? "," : "") + csv_cell(pack.records[r].fields[k].column);
      text += "\n";
      for (const sema::Given& g : t.givens) {
        if (g.record.index != r) continue;
        bool first = true;
        for (uint32_t f = 0; f < p.records[r].fields.size(); ++f) {
          if (plan.columns[r][f] < 0) continue;
          text += std::string(first ? "" : ",") + csv_cell(sema::format_value(g.fields[f]));
          first = false;
        }
        text += "\n";
      }
      options.input_texts[p.records[r].name] = text;
    }
    data::LoadFailure failure;
    auto data = data::load_dataset(pack, options, failure);
    if (!data) {
      failures.push_back(t.name + ": " + failure.message);
      continue;
    }
    for (const auto& rej : data->rejects) failures.push_back(t.name + ": reject " + rej.file + " " + rej.reason);
    host::Results results;
    host::Timings timings;
    std::string error;
    if (!host::evaluate(ev, *data, host::EvalOptions{1}, results, timings, error)) {
      failures.push_back(t.name + ": " + error);
      continue;
    }
    for (uint32_t r = 0; r < pack.n_rules; ++r)
      for (const host::ErrorOut& e : results.rule_errors[r])
        failures.push_back(t.name + ": error in " + pack.rules[r].id + ": " + e.message);
    for (uint32_t s = 0; s < pack.n_scorecards; ++s)
      for (const host::ErrorOut& e : results.scorecard_errors[s])
        failures.push_back(t.name + ": error in " + pack.scorecards[s].name + ": " + e.message);
    for (const sema::Expect& x : t.expects) {
      ++expectations;
      if (x.kind == ast::Expectation::Kind::score) {
        const fides_scorecard_desc& card = pack.scorecards[x.target];
        bool found = false;
        for (const host::ScoreOut& s : results.scores[x.target]) {
          if (x.key && data->key_of(card.subject_record, s.row) != *x.key) continue;
          found = true;
          std::string got = host::score_text(card, s.score);
          std::string grade = s.grade < card.n_grades ? card.grades[s.grade] : "";
          if (x.score && sema::format_value(*x.score) != got)
            failures.push_back(t.name + ": score " + card.name + " of " + x.key.value_or("") + " is " + got +
                               ", expected " + sema::format_value(*x.score));
          if (x.grade && *x.grade != grade)
            failures.push_back(t.name + ": grade " + card.name + " of " + x.key.value_or("") + " is " + grade +
                               ", expected " + *x.grade);
        }
        if (!found) failures.push_back(t.name + ": no score " + card.name + " of " + x.key.value_or(""));
        continue;
      }
      const fides_rule_desc& rule = pack.rules[x.target];
      std::vector<std::string> amounts;
      for (const host::FindingOut& f : results.findings[x.target]) {
        if (x.key && data->key_of(rule.subject_record, f.row) != *x.key) continue;
        char buf[FIDES_MONEY_BUF];
        amounts.emplace_back(buf, fides_format_money(f.amount, buf));
      }
      if (x.kind == ast::Expectation::Kind::no_hit) {
        if (!amounts.empty()) failures.push_back(t.name + ": unexpected hit " + rule.id);
      } else if (amounts.empty()) {
        failures.push_back(t.name + ": no hit " + rule.id + " on " + x.key.value_or(""));
      } else if (x.amount) {
        std::string want = sema::format_value(*x.amount);
        bool any = false;
        for (auto& a : amounts) any = any || a == want;
        if (!any)
          failures.push_back(t.name + ": hit " + rule.id + " amount " + amounts[0] + ", expected " + want);
      }
    }
  }
  return failures;
}

}  // namespace

TEST_CASE("the example pack's own tests pass under the interpreter") {
  size_t n = 0;
  auto failures = run_pack_tests(std::string(FIDES_SOURCE_DIR) + "/examples/hunan/main.fides", n);
  MESSAGE(n << " expectations checked");
  CHECK(n > 0);
  CHECK(failures == std::vector<std::string>{});
}

TEST_CASE("the tests of the checker's ok_ packs pass under the interpreter") {
  namespace fs = std::filesystem;
  std::vector<std::string> all;
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(std::string(FIDES_SOURCE_DIR) + "/tests/check")) {
    std::string name = entry.path().filename().string();
    if (name.rfind("ok_", 0) != 0) continue;
    std::string main = entry.is_directory() ? entry.path().string() + "/main.fides" : entry.path().string();
    if (!fs::exists(main) || main.size() < 6 || main.substr(main.size() - 6) != ".fides") continue;
    for (auto& f : run_pack_tests(main, n)) all.push_back(name + ": " + f);
  }
  MESSAGE(n << " expectations checked");
  CHECK(all == std::vector<std::string>{});
}
