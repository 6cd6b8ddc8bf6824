#include "e2e_support.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "builtins/fides_builtins.h"
#include "codegen/build_pack.h"
#include "data/loader.h"
#include "diag/diagnostic.h"
#include "host/evaluator.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

namespace fides::e2e {
namespace {

std::string make_temp_dir() {
  llvm::SmallString<256> dir;
  if (llvm::sys::fs::createUniqueDirectory("fides-codegen-e2e", dir)) return "";
  return std::string(dir);
}

std::string money(int64_t v) {
  char buf[FIDES_MONEY_BUF];
  fides_format_money(v, buf);
  return buf;
}

std::string decimal(int64_t v) {
  char buf[FIDES_DECIMAL_BUF];
  fides_format_decimal(v, buf);
  return buf;
}

std::unique_ptr<CompiledPack> build(std::unique_ptr<CompiledPack> out, const std::string& main_path) {
  out->front = driver::run_front_end(main_path, FIDES_E2E_STDLIB_DIR);
  if (!out->front->program || out->front->diags.has_errors()) {
    out->error = "front end failed:\n";
    for (const Diagnostic& d : out->front->diags.sorted())
      out->error += render_text(d, out->front->sources) + "\n";
    return out;
  }
  out->plan = lower::lower(*out->front->program, out->front->sources, {"fides 0.1.0"});
  if (out->dir.empty()) out->dir = make_temp_dir();
  out->so_path = out->dir + "/pack.so";
  if (llvm::Error e = codegen::build_pack_library(out->plan, out->front->sources, out->so_path)) {
    out->error = "build failed: " + llvm::toString(std::move(e));
    return out;
  }
  std::string error;
  if (!out->library.open(out->so_path, error)) out->error = "load failed: " + error;
  return out;
}

}  // namespace

std::unique_ptr<CompiledPack> compile(const std::map<std::string, std::string>& files, const std::string& main) {
  auto out = std::make_unique<CompiledPack>();
  out->dir = make_temp_dir();
  for (const auto& [name, text] : files) {
    std::filesystem::path p = std::filesystem::path(out->dir) / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  // The path first: an argument list that moves `out` and reads it has no set order.
  std::string main_path = out->dir + "/" + main;
  return build(std::move(out), main_path);
}

std::unique_ptr<CompiledPack> compile_path(const std::string& main_path) {
  auto out = std::make_unique<CompiledPack>();
  return build(std::move(out), main_path);
}

Outcome run(const CompiledPack& pack, const std::map<std::string, std::string>& csv,
            const std::vector<std::pair<std::string, std::string>>& params) {
  Outcome o;
  const fides_pack* p = pack.pack();
  if (!p) {
    o.error = "no pack";
    return o;
  }
  data::LoadOptions load;
  load.data_dir = pack.dir;
  for (uint32_t r = 0; r < p->n_records; ++r) {
    auto it = csv.find(p->records[r].name);
    if (it != csv.end()) {
      load.input_texts[p->records[r].name] = it->second;
    } else {
      // A header-only file for records the test does not care about.
      std::string header;
      for (uint32_t f = 0; f < p->records[r].n_fields; ++f)
        header += (f ? "," : "") + std::string(p->records[r].fields[f].column);
      load.input_texts[p->records[r].name] = header + "\n";
    }
  }
  load.params = params;
  data::LoadFailure failure;
  auto dataset = data::load_dataset(*p, load, failure);
  if (!dataset) {
    o.error = "load: " + failure.message;
    return o;
  }
  for (const data::Reject& r : dataset->rejects)
    o.rejects.push_back(r.file + ":" + std::to_string(r.line) + " " + r.reason);
  host::Evaluator ev = host::evaluator_of(*p);
  host::EvalOptions options;
  options.threads = 1;
  options.chunk_rows = 3;  // several chunks even for small inputs
  host::Results results;
  host::Timings timings;
  std::string error;
  if (!host::evaluate(ev, *dataset, options, results, timings, error)) {
    o.error = "evaluate: " + error;
    return o;
  }
  for (uint32_t r = 0; r < p->n_rules; ++r) {
    uint32_t rec = p->rules[r].subject_record;
    for (const host::FindingOut& f : results.findings[r])
      o.findings.push_back(std::string(p->rules[r].id) + " " + std::string(dataset->key_of(rec, f.row)) + " " +
                           money(f.amount) + " " + std::to_string(f.points) + " " + f.message);
    for (const host::ErrorOut& e : results.rule_errors[r])
      o.errors.push_back(std::string(p->rules[r].id) + " " + std::string(dataset->key_of(rec, e.row)) + " " +
                         e.message);
  }
  for (uint32_t s = 0; s < p->n_scorecards; ++s) {
    const fides_scorecard_desc& card = p->scorecards[s];
    auto num = [&](int64_t v) { return card.score_is_decimal ? decimal(v) : std::to_string(v); };
    for (const host::ScoreOut& sc : results.scores[s]) {
      std::string line = std::string(card.name) + " " + std::string(dataset->key_of(card.subject_record, sc.row)) +
                         " " + num(sc.score) + " " + (sc.grade < card.n_grades ? card.grades[sc.grade] : "-") + " [";
      for (size_t i = 0; i < sc.items.size(); ++i) line += (i ? "," : "") + num(sc.items[i]);
      o.scores.push_back(line + "]");
    }
    for (const host::ErrorOut& e : results.scorecard_errors[s])
      o.errors.push_back(std::string(card.name) + " " +
                         std::string(dataset->key_of(card.subject_record, e.row)) + " " + e.message);
  }
  return o;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace fides::e2e
