// The first rows of one of fides-score's CSV outputs (rejects.csv,
// errors.csv), read in the encoding run.json names, one record at a time:
// a large file is read through once, and only the rows shown are kept.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "data/encoding.h"

namespace fides::report {

struct OutputRows {
  std::vector<std::vector<std::string>> rows;
  int64_t total = 0;  // rows in the file, header aside
};

// The first `limit` rows after the header, which must be `header`. False with a
// message naming the file, line and column of what does not fit.
bool read_output_rows(const std::string& path, const std::vector<std::string>& header, data::Encoding encoding,
                      size_t limit, OutputRows& out, std::string& error);

}  // namespace fides::report
