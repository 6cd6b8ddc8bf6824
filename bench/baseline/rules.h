// bench baseline: the benchmark's subset of the standard rules (bench/subset.txt),
// hand-written over the columns of data.h, with the standard library's
// default parameters and knowledge tables (stdlib/std/*.fides, stdlib/tables).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data.h"

namespace bench {

struct Finding {
  std::string key;  // findings.csv's key
  int64_t amount;   // scaled by 10^6
};

struct RuleResult {
  const char* id;
  std::vector<Finding> findings;
};

// Knowledge tables the subset reads (stdlib/tables/*.csv: code,value,name).
struct Knowledge {
  std::vector<std::pair<std::string, std::string>> gender_items, min_level_items, price_caps, panel_of, panel_size,
      panel_price, min_interval_items;
  std::vector<std::string> once_daily_items;
};
// Exits naming the file when a table cannot be read.
Knowledge read_knowledge(const std::string& tables_dir);

// Every rule of the subset, in the subset's order; rules run on `threads` threads.
std::vector<RuleResult> evaluate(const Data& d, const Knowledge& k, size_t threads);

}  // namespace bench
