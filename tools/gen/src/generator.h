// fides-gen: the generator of realistic credit files (public interface).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "output.h"

namespace fides::gen {

struct Options {
  uint64_t lines = 20000;  // about this many fee lines
  uint64_t seed = 1;
  std::string out_dir;
  std::string tables_dir;  // the knowledge tables (stdlib/tables)
  Encoding encoding = Encoding::Utf8;
  int year = 2024;
  bool quiet = false;
  // Malformed rows appended to the input files (broken.cpp), each listed with
  // the reason the scoring host must reject it in broken.csv; 0 writes neither.
  uint64_t broken = 0;
  // FEE_LIST_D.csv's rows in an order drawn from the seed instead of visit
  // order (the other files and the rows themselves are unchanged).
  bool shuffle = false;
};

struct Summary {
  uint64_t institutions = 0, staff = 0, persons = 0, visits = 0, lines = 0, diagnoses = 0, stock_rows = 0,
           events = 0, appeals = 0, truth_rows = 0, side_rows = 0, broken_rows = 0;
  uint64_t retries = 0;          // persons generated again because a rule fired by accident
  uint64_t dropped_plants = 0;   // plants given up after every attempt
  std::vector<uint64_t> truth_per_rule;  // by Rule
  std::vector<std::string> warnings;
  double seconds = 0;
  long peak_rss_kb = 0;
};

// Writes every file under opts.out_dir; throws std::runtime_error on I/O errors.
Summary generate(const Options& opts);

// The file names and headers the generator writes, in order (for the tests).
struct FileSpec {
  const char* file;
  const char* record;
  std::vector<const char*> columns;
};
const std::vector<FileSpec>& file_specs();

}  // namespace fides::gen
