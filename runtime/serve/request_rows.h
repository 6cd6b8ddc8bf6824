// From a request's cells to rows the pack can read, by the loader's rules
// (spec §8): each cell read by data::read_cell; a bad cell, an empty key, a
// key given twice in the request (the first is kept), a reference that names
// no row of the request or the history, and a reference to a rejected row
// make a reject, to a fixed point. A row whose key the history has takes that
// row's place (same row number, so the same position in input order); any
// other row comes after the history's rows, in the order sent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/text_arena.h"
#include "serve/history.h"
#include "serve/request_json.h"

namespace fides::serve {

struct RequestReject {
  uint32_t record = 0;
  size_t index = 0;    // among the request's rows of that record, from 0
  std::string column;  // the input column at fault
  std::string reason;  // as rejects.csv words it
};

// A row the request adds or replaces, ready to be written into the pack's columns.
struct RequestRow {
  size_t index = 0;        // among the request's rows of its record
  int64_t row = -1;        // its row number in the request's data
  bool replaces = false;   // row is a loaded row whose place it takes
  bool changes = false;    // ... and some value differs from that row's
  fides_str key{"", 0};    // printed form
  std::vector<int64_t> values;   // [field]; references are row numbers
  std::vector<fides_str> texts;  // [field]
  std::vector<uint8_t> present;  // [field]
};

struct StagedRequest {
  data::TextArena text;                          // the rows' texts
  std::vector<std::vector<RequestRow>> records;  // [input record], taken rows in the order sent
  std::vector<int64_t> added;                    // [input record] rows after the history's
  std::vector<RequestReject> rejects;            // by record, then index

  // True when some row replaces a loaded row with other values.
  bool changes_history() const;
};

void stage_request(const History& history, const RawRequest& raw, StagedRequest& out);

}  // namespace fides::serve
