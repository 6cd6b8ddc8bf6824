#include "data/loader.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "data/descriptor_check.h"
#include "data/indexes.h"
#include "data/params.h"
#include "data/record_file.h"
#include "data/references.h"
#include "data/release_memory.h"
#include "data/tables.h"
#include "tasks/thread_pool.h"

namespace fides::data {
namespace {
bool is_record(const fides_pack& pack, const std::string& name) {
  for (uint32_t r = 0; r < input_record_count(pack); ++r)
    if (name == pack.records[r].name) return true;
  return false;
}

bool is_table(const fides_pack& pack, const std::string& name) {
  for (uint32_t t = 0; t < pack.n_tables; ++t)
    if (name == pack.tables[t].name) return true;
  return false;
}

std::string names_of_records(const fides_pack& pack) {
  std::string s;
  for (uint32_t r = 0; r < input_record_count(pack); ++r) s += (r ? ", " : "") + std::string(pack.records[r].name);
  return s;
}

bool check_option_names(const fides_pack& pack, const LoadOptions& options, LoadFailure& failure) {
  for (const auto* m : {&options.input_files, &options.input_texts})
    for (const auto& [name, _] : *m)
      if (!is_record(pack, name)) {
        failure = {2, "unknown record '" + name + "' in --input; the pack's records are: " +
                          names_of_records(pack)};
        return false;
      }
  for (const auto& [name, _] : options.table_files)
    if (!is_table(pack, name)) {
      std::string known;
      for (uint32_t t = 0; t < pack.n_tables; ++t) known += (t ? ", " : "") + std::string(pack.tables[t].name);
      failure = {2, "unknown table '" + name + "' in --table; " +
                        (known.empty() ? "the pack has no tables" : "the pack's tables are: " + known)};
      return false;
    }
  return true;
}

// --max-memory's default: 80% of physical memory (spec §9.11).
uint64_t default_max_memory() {
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return UINT64_MAX;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) / 10 * 8;
}

RecordSource source_of(const fides_pack& pack, uint32_t r, const LoadOptions& options) {
  std::string name = pack.records[r].name;
  const char* declared = pack.records[r].input_file;
  RecordSource s;
  s.shown = declared && *declared ? std::string(declared) : name + ".csv";
  if (auto t = options.input_texts.find(name); t != options.input_texts.end()) {
    s.text = &t->second;
  } else if (auto f = options.input_files.find(name); f != options.input_files.end()) {
    s.path = s.shown = f->second;
  } else {
    s.path = (options.data_dir.empty() ? std::string(".") : options.data_dir) + "/" + s.shown;
  }
  return s;
}
// Reads every record type's file into `staged`: the files opened (probed)
// in parallel, then all their parts. On failure, the first failing record
// type in declaration order is reported, so the message does not depend on
// which thread got there first.
bool read_record_files(const fides_pack& pack, const LoadOptions& options, MemoryBudget& budget,
                       std::vector<StagedRecord>& staged, Dataset& dataset, LoadFailure& failure) {
  const uint32_t n = input_record_count(pack);
  const unsigned threads = tasks::resolve_threads(options.threads);
  staged.resize(n);
  dataset.inputs.resize(n);
  std::vector<std::vector<std::string>> warnings(n);
  std::vector<LoadFailure> failures(n);
  tasks::run_tasks(n, threads, [&](size_t r) {
    RecordSource source = source_of(pack, static_cast<uint32_t>(r), options);
    InputStat& stat = dataset.inputs[r];
    stat.record = pack.records[r].name;
    stat.file = source.shown;
    open_record_file(pack, static_cast<uint32_t>(r), source, options, options.part_bytes, staged[r], warnings[r], stat,
                     failures[r]);
  }, nullptr);
  for (uint32_t r = 0; r < n; ++r) {
    if (failures[r].exit_code) {
      failure = failures[r];
      return false;
    }
    for (std::string& w : warnings[r]) dataset.warnings.push_back(std::move(w));
  }
  std::vector<std::pair<uint32_t, size_t>> parts_in_file_order;  // (record, part)
  for (uint32_t r = 0; r < n; ++r)
    for (size_t k = 0; k < staged[r].parts.size(); ++k) parts_in_file_order.emplace_back(r, k);
  // On several threads, the largest files' parts first, so that no thread is
  // left with a long file at the end.
  std::vector<std::pair<uint32_t, size_t>> parts = parts_in_file_order;
  if (threads > 1)
    std::stable_sort(parts.begin(), parts.end(), [&](const auto& a, const auto& b) {
      return staged[a.first].parts.size() > staged[b.first].parts.size();
    });
  tasks::run_tasks(parts.size(), threads, [&](size_t i) {
    read_record_part(pack, staged[parts[i].first], parts[i].second, options, budget);
  }, nullptr);
  // Which row passes --max-memory depends on how the threads raced: read
  // again, one part after another in file order, for the same message every time.
  bool out_of_memory = false;
  for (const StagedRecord& s : staged)
    for (const StagedPart& part : s.parts) out_of_memory = out_of_memory || part.out_of_memory;
  if (out_of_memory && threads > 1) {
    budget.reset();
    for (StagedRecord& s : staged) clear_record_parts(s);
    for (auto& [r, k] : parts_in_file_order) {
      read_record_part(pack, staged[r], k, options, budget);
      if (staged[r].parts[k].failure.exit_code) break;
    }
  }
  for (uint32_t r = 0; r < n; ++r)
    if (!finish_record_file(pack, staged[r], options, budget, dataset.arena, dataset.inputs[r], failure))
      return false;
  return true;
}
}  // namespace

std::unique_ptr<Dataset> load_dataset(const fides_pack& pack, const LoadOptions& options,
                                      LoadFailure& failure) {
  std::string error;
  if (!check_descriptor(pack, error)) {
    failure = {1, error};
    return nullptr;
  }
  if (!check_option_names(pack, options, failure)) return nullptr;
  auto dataset = std::make_unique<Dataset>();
  dataset->pack = &pack;
  if (!load_params(pack, options.params, *dataset, failure)) return nullptr;
  if (!load_tables(pack, options, *dataset, failure)) return nullptr;

  MemoryBudget budget(options.max_memory ? options.max_memory : default_max_memory());
  std::vector<StagedRecord> staged;
  auto t = std::chrono::steady_clock::now();
  auto step = [&](const char* name) {
    auto now = std::chrono::steady_clock::now();
    dataset->load_timings.emplace_back(name, std::chrono::duration<double, std::milli>(now - t).count());
    t = now;
  };
  if (!read_record_files(pack, options, budget, staged, *dataset, failure)) return nullptr;
  step("load_read_ms");
  resolve_and_compact(pack, staged, *dataset, options.threads);
  staged.clear();
  release_free_memory();
  step("load_references_ms");
  if (!build_indexes(pack, *dataset, false, error, options.threads)) {
    failure = {1, error};
    return nullptr;
  }
  release_free_memory();
  step("load_indexes_ms");
  dataset->finish();
  return dataset;
}

}  // namespace fides::data
