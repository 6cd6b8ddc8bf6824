// Reading one record type's input file into staged rows: the header matched
// to the descriptor's columns, every row either parsed into typed values or
// rejected (invalid UTF-8, malformed quoting, wrong column count, missing
// value, bad number/date/bool/severity, number out of range). References
// stay as key text here; references.h resolves them across record types.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/dataset.h"
#include "data/load_options.h"

namespace fides::data {

// The rows of one record type that parsed, before references are resolved.
// Per field f, the vectors have one entry per staged row.
struct StagedRecord {
  uint32_t record = 0;
  std::string file;            // as shown in rejects.csv and run.json
  std::string text;            // the decoded file; `raw` views point into it
  int64_t rows = 0;            // data rows read (blank lines excluded)
  std::vector<uint32_t> line;  // physical line where the row starts
  std::vector<std::string_view> raw;
  std::vector<std::vector<int64_t>> values;   // non-text, non-reference fields
  std::vector<std::vector<fides_str>> texts;  // text fields; reference fields: the key as written
  std::vector<std::vector<uint8_t>> present;  // optional fields
  std::vector<std::vector<uint32_t>> cell_column;  // key and reference fields: where the cell starts
  std::vector<Reject> rejects;
  // Key (printed form) → line, of rows rejected while parsing whose key cell
  // was readable: a reference to one of them is a "reference to rejected row".
  std::unordered_map<std::string, uint32_t> rejected_keys;
};

// Where a record type's rows come from.
struct RecordSource {
  std::string path;   // file to read, unless `text` is given
  std::string shown;  // the name used in rejects.csv and run.json
  const std::string* text = nullptr;  // CSV already in memory (UTF-8)
};

// Reads and stages one record type, filling stat's sha256 and encoding. Fails
// (exit 1) when the file cannot be read, its header was evidently read in the
// wrong encoding (header_hint.h), or a column of a non-optional field is
// missing; a missing column of an optional field only adds a warning (every
// value absent).
bool read_record_file(const fides_pack& pack, uint32_t record, const RecordSource& source,
                      Encoding encoding, TextArena& arena, StagedRecord& out,
                      std::vector<std::string>& warnings, InputStat& stat, LoadFailure& failure);

}  // namespace fides::data
