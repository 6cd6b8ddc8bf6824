// Table CSV text as both readers parse it: the host's parse_table (embedded
// tables and --table replacements) over descriptors of every key and value
// type, and the compiler's `table … from "FILE"` at check time.
#include <string>

#include "data/tables.h"
#include "data/text_arena.h"
#include "scratch.h"
#include "sema/check.h"
#include "syntax/parse_file.h"
#include "targets.h"

namespace fides::fuzz {
namespace {
// {name, is_map, key_type, value_type, reserved, key_column, value_column, source, csv, csv_len}
const fides_table_desc kTables[] = {
    {"codes", 0, FIDES_TYPE_TEXT, 0, 0, "代码", nullptr, "", nullptr, 0},
    {"caps", 1, FIDES_TYPE_TEXT, FIDES_TYPE_MONEY, 0, "项目", "限价", "", nullptr, 0},
    {"days", 0, FIDES_TYPE_INT, 0, 0, "天数", nullptr, "", nullptr, 0},
    {"holidays", 1, FIDES_TYPE_DATE, FIDES_TYPE_SEVERITY, 0, "d", "s", "", nullptr, 0},
    {"flags", 1, FIDES_TYPE_INT, FIDES_TYPE_BOOL, 0, "k", "v", "", nullptr, 0},
    {"rates", 1, FIDES_TYPE_DECIMAL, FIDES_TYPE_TEXT, 0, "k", "v", "", nullptr, 0},
};
constexpr size_t kRuntimeModes = sizeof kTables / sizeof kTables[0];

// The compiler's readers of the same text: one declaration per mode.
const char* const kSources[] = {
    "pack \"t\" version \"1\"\ntable t: map<text, money> from \"t.csv\" key \"k\" value \"v\"\n",
    "pack \"t\" version \"1\"\ntable t: set<date> from \"t.csv\" column \"k\"\n",
    "pack \"t\" version \"1\"\ntable t: map<int, severity> from \"t.csv\" key \"k\" value \"v\"\n",
};
constexpr size_t kModes = kRuntimeModes + sizeof kSources / sizeof kSources[0];

// A parsed table's keys are strictly increasing, each map key with one value.
std::string check_table(const fides_table_desc& desc, const data::TableStore& t) {
  bool text_keys = desc.key_type == FIDES_TYPE_TEXT;
  size_t n = text_keys ? t.key_texts.size() : t.keys.size();
  for (size_t i = 1; i < n; ++i) {
    bool increasing = text_keys ? data::view_of(t.key_texts[i - 1]) < data::view_of(t.key_texts[i])
                                : t.keys[i - 1] < t.keys[i];
    if (!increasing) return std::string("table ") + desc.name + ": keys not strictly increasing at " + std::to_string(i);
  }
  size_t values = desc.value_type == FIDES_TYPE_TEXT ? t.value_texts.size() : t.values.size();
  if (desc.is_map && values != n) return std::string("table ") + desc.name + ": keys and values differ in number";
  return "";
}

void check_at_compile_time(const char* source, std::string_view csv) {
  write_scratch_file("t.csv", csv);
  SourceManager sm;
  FileId file = sm.add(scratch_dir() + "/main.fides", source);
  ast::Module module;
  Diagnostics diags;
  module.files.push_back(syntax::parse_file(file, sm, module, diags));
  auto program = sema::check(module, sm, diags);
  for (const Diagnostic& d : diags.sorted()) render_text(d, sm);
}
}  // namespace

std::string check_tables(const uint8_t* data, size_t size) {
  if (size == 0) return "";
  size_t mode = data[0] % kModes;
  std::string_view csv(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (mode >= kRuntimeModes) {
    check_at_compile_time(kSources[mode - kRuntimeModes], csv);
    return "";
  }
  const fides_table_desc& desc = kTables[mode];
  data::TextArena arena;
  data::TableStore table;
  std::string error;
  if (data::parse_table(desc, csv, "t.csv", arena, table, error)) return check_table(desc, table);
  return error.rfind("t.csv:", 0) == 0 ? "" : "an error that does not name the file: " + error;
}

}  // namespace fides::fuzz
