#include "data/loader.h"

#include <unistd.h>

#include "data/descriptor_check.h"
#include "data/indexes.h"
#include "data/params.h"
#include "data/record_file.h"
#include "data/references.h"
#include "data/tables.h"

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
  std::vector<StagedRecord> staged(input_record_count(pack));
  for (uint32_t r = 0; r < staged.size(); ++r) {
    RecordSource source = source_of(pack, r, options);
    InputStat stat;
    stat.record = pack.records[r].name;
    stat.file = source.shown;
    if (!read_record_file(pack, r, source, options, dataset->arena, budget, staged[r], dataset->warnings, stat,
                          failure))
      return nullptr;
    dataset->inputs.push_back(std::move(stat));
  }
  resolve_and_compact(pack, staged, *dataset);
  staged.clear();
  if (!build_indexes(pack, *dataset, false, error)) {
    failure = {1, error};
    return nullptr;
  }
  dataset->finish();
  return dataset;
}

}  // namespace fides::data
