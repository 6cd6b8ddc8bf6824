// bench baseline: the columns of the credit files that the benchmark's rule
// subset reads, with references resolved to row indexes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "csv_file.h"
#include "key_map.h"

namespace bench {

inline constexpr int64_t kAbsent = INT64_MIN;  // an empty optional number cell

struct Institutions {
  std::vector<std::string_view> code;
  std::vector<std::string_view> type;
  std::vector<int64_t> level;
};

struct Persons {
  std::vector<std::string_view> id;
  std::vector<std::string_view> gender;
};

struct Visits {
  std::vector<std::string_view> id, med_type, diagnosis, doctor;  // doctor "" when none
  std::vector<int32_t> person, institution, begin, end;
  std::vector<int64_t> inpatient_days;
};

struct Settlements {
  std::vector<int32_t> visit, institution;
  std::vector<int64_t> total, fund;  // decimals scaled by 10^6, as the language keeps them
};

struct Lines {
  std::vector<std::string_view> id;
  std::vector<int32_t> visit, person, date, code;  // code: index into Data::codes
  std::vector<int64_t> qty, price, amount, price_cap, supply_days;  // price_cap, supply_days may be kAbsent
};

struct Data {
  std::vector<std::unique_ptr<CsvFile>> files;  // the cells point into these
  Institutions institutions;
  Persons persons;
  Visits visits;
  Settlements settlements;
  Lines lines;
  std::vector<std::string_view> codes;  // the distinct hilist_code values
  KeyMap code_index;
  uint64_t input_bytes = 0;
};

// Reads the six files the subset needs from `dir` on `threads` threads.
// Exits with a message on a missing file or column, or an unresolved reference.
void load(const std::string& dir, size_t threads, Data& d);

}  // namespace bench
