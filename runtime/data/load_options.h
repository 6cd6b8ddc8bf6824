// What load_dataset() needs besides the descriptor, and how it fails.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "data/encoding.h"

namespace fides::data {

struct LoadOptions {
  std::string data_dir;  // where <Record>.csv files are found
  // Record name → file path, replacing <data_dir>/<Record>.csv.
  std::map<std::string, std::string> input_files;
  // Record name → CSV text already in memory (e.g. `fides test`'s `given`
  // rows); shown in rejects and run.json as <Record>.csv. Wins over files.
  std::map<std::string, std::string> input_texts;
  Encoding encoding = Encoding::Auto;  // of every input file and replacement table
  std::vector<std::pair<std::string, std::string>> params;  // --param name=value, in order
  std::map<std::string, std::string> table_files;           // --table name=file
  uint64_t max_field_bytes = 1 << 20;  // --max-field-bytes: a longer cell is a reject
  uint64_t max_memory = 0;             // --max-memory: what the loader may hold; 0 = 80% of physical memory
  unsigned threads = 1;                // files and parts of files read at once; 0 = every core
  uint64_t part_bytes = 16 << 20;      // a file is read in parts of about this size, in parallel
};

// Why a dataset could not be loaded. exit_code 2: a usage mistake (unknown
// or malformed --param, unknown --table or record name); 1: anything else
// (unreadable file, missing column, malformed table, malformed descriptor).
struct LoadFailure {
  int exit_code = 0;
  std::string message;
};

}  // namespace fides::data
