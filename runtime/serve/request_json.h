// A review request's body (spec §10): {"records": {"Line": [{"列名": "值", …}, …], …}}.
// Rows by input record name, each an object keyed by input column names;
// a value is a string, a number (kept as written: 12.50 stays "12.50"),
// true/false (the cell "true"/"false") or null (an empty cell). A column
// left out is an empty cell too. Anything else — malformed JSON, another
// shape, an unknown record or column, a column given twice — is a client
// error (400) whose message names where it is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fides/pack_abi.h"

namespace fides::serve {

// One row as sent: its cells by field of the record (a column several
// fields read fills each of them).
struct RawRow {
  std::vector<std::string> cells;  // [field]; "" when not given
};

struct RawRequest {
  std::vector<std::vector<RawRow>> records;  // [input record], in the order sent
  size_t rows = 0;                           // in all
};

// The input columns of a pack's records, for reading requests.
class RequestSchema {
 public:
  explicit RequestSchema(const fides_pack& pack);
  // The input record named `name`, or -1 (groups are not input records).
  int32_t record(std::string_view name) const;
  // The fields of `record` read from column `column` (empty: no such column).
  const std::vector<uint32_t>& fields(uint32_t record, const std::string& column) const;
  // "a, b, c": the record's columns, for messages.
  std::string columns_of(uint32_t record) const;
  const fides_pack& pack() const { return pack_; }

 private:
  const fides_pack& pack_;
  std::unordered_map<std::string, uint32_t> records_;
  std::vector<std::unordered_map<std::string, std::vector<uint32_t>>> columns_;  // [record]
  std::vector<std::string> column_order_;                                        // [record]
};

// Parses `body`; false with a message for a 400 answer. `max_rows` bounds
// the rows of one request (its message says so when more are sent).
bool parse_request(const RequestSchema& schema, std::string_view body, size_t max_rows, RawRequest& out,
                   std::string& error);

}  // namespace fides::serve
