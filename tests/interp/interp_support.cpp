#include "interp_support.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "builtins/fides_builtins.h"
#include "data/loader.h"
#include "host/reasons.h"

namespace fides::interp::testing {

namespace fs = std::filesystem;

std::string fresh_dir(const std::string& name) {
  fs::path p = fs::path(INTERP_TEST_WORK_DIR) / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

void write_file(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string where(const std::string& source, const std::string& needle, size_t nth) {
  size_t at = source.find(needle);
  for (size_t k = 0; k < nth && at != std::string::npos; ++k) at = source.find(needle, at + 1);
  REQUIRE(at != std::string::npos);
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < at; ++i) {
    if (source[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "main.fides:" + std::to_string(line) + ":" + std::to_string(column);
}

std::unique_ptr<Compiled> compile(const std::string& name, const std::string& source,
                                  const std::map<std::string, std::string>& files) {
  auto c = std::make_unique<Compiled>();
  c->dir = fresh_dir(name);
  write_file(c->dir + "/main.fides", source);
  for (const auto& [path, text] : files) write_file(c->dir + "/" + path, text);
  c->front = driver::run_front_end(c->dir + "/main.fides", FIDES_STDLIB_DIR);
  REQUIRE(c->front->program);
  for (const Diagnostic& d : c->front->diags.sorted())
    if (d.level == DiagLevel::error) c->diagnostics += render_text(d, c->front->sources);
  INFO(c->diagnostics);
  REQUIRE(!c->front->diags.has_errors());
  c->plan = lower::lower(*c->front->program, c->front->sources, lower::LowerOptions{"fides 0.1.0"});
  REQUIRE(lower::validate(c->plan.description) == "");
  c->view = std::make_unique<PackView>(c->plan.description);
  return c;
}

Run run(const std::string& name, const std::string& source, const std::map<std::string, std::string>& inputs,
        const std::map<std::string, std::string>& files,
        const std::vector<std::pair<std::string, std::string>>& params, unsigned threads, int64_t chunk_rows) {
  Run r;
  r.compiled = compile(name, source, files);
  data::LoadOptions options;
  options.data_dir = r.compiled->dir;
  options.params = params;
  const fides_pack& pack = r.compiled->view->pack();
  for (uint32_t i = 0; i < pack.n_records; ++i) {
    auto it = inputs.find(pack.records[i].name);
    if (it != inputs.end()) {
      options.input_texts[it->first] = it->second;
    } else {  // a header-only file
      std::string header;
      for (uint32_t f = 0; f < pack.records[i].n_fields; ++f)
        header += std::string(f ? "," : "") + pack.records[i].fields[f].column;
      options.input_texts[pack.records[i].name] = header + "\n";
    }
  }
  data::LoadFailure failure;
  r.data = data::load_dataset(pack, options, failure);
  INFO(failure.message);
  REQUIRE(r.data != nullptr);
  r.rejects = r.data->rejects;
  host::Evaluator ev = make_evaluator(r.compiled->plan, *r.compiled->view);
  host::EvalOptions eo;
  eo.threads = threads;
  eo.chunk_rows = chunk_rows;
  host::Timings timings;
  std::string error;
  bool ok = host::evaluate(ev, *r.data, eo, r.results, timings, error);
  INFO(error);
  REQUIRE(ok);
  return r;
}

uint32_t Run::rule(const std::string& id) const {
  const fides_pack& pack = compiled->view->pack();
  for (uint32_t i = 0; i < pack.n_rules; ++i)
    if (id == pack.rules[i].id) return i;
  FAIL("no rule " << id);
  return 0;
}

uint32_t Run::scorecard(const std::string& name) const {
  const fides_pack& pack = compiled->view->pack();
  for (uint32_t i = 0; i < pack.n_scorecards; ++i)
    if (name == pack.scorecards[i].name) return i;
  FAIL("no scorecard " << name);
  return 0;
}

static std::string money(int64_t v) {
  char buf[FIDES_MONEY_BUF];
  return std::string(buf, fides_format_money(v, buf));
}

std::vector<std::string> Run::findings(const std::string& id) const {
  uint32_t r = rule(id);
  uint32_t rec = compiled->view->pack().rules[r].subject_record;
  std::vector<std::string> out;
  for (const host::FindingOut& f : results.findings[r])
    out.push_back(std::string(data->key_of(rec, f.row)) + "|" + money(f.amount) + "|" + std::to_string(f.points) +
                  "|" + f.message);
  return out;
}

std::vector<std::string> Run::errors(const std::string& id) const {
  uint32_t r = rule(id);
  uint32_t rec = compiled->view->pack().rules[r].subject_record;
  std::vector<std::string> out;
  for (const host::ErrorOut& e : results.rule_errors[r])
    out.push_back(std::string(data->key_of(rec, e.row)) + "|" + e.message);
  return out;
}

std::vector<std::string> Run::scores(const std::string& name) const {
  uint32_t s = scorecard(name);
  const fides_scorecard_desc& card = compiled->view->pack().scorecards[s];
  std::vector<std::string> out;
  for (const host::ScoreOut& sc : results.scores[s]) {
    std::string items;
    for (size_t k = 0; k < sc.items.size(); ++k) items += (k ? "," : "") + host::score_text(card, sc.items[k]);
    std::string grade = sc.grade < card.n_grades ? card.grades[sc.grade] : "";
    out.push_back(std::string(data->key_of(card.subject_record, sc.row)) + "|" + host::score_text(card, sc.score) +
                  "|" + grade + "|" + items);
  }
  return out;
}

std::vector<std::string> Run::scorecard_errors(const std::string& name) const {
  uint32_t s = scorecard(name);
  uint32_t rec = compiled->view->pack().scorecards[s].subject_record;
  std::vector<std::string> out;
  for (const host::ErrorOut& e : results.scorecard_errors[s])
    out.push_back(std::string(data->key_of(rec, e.row)) + "|" + e.message);
  return out;
}

}  // namespace fides::interp::testing
