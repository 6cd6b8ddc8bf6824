// Reading one record type's input file into staged rows: the header matched
// to the descriptor's columns, every record (row_reader.h) either parsed into
// typed values or rejected (the reader's reasons, empty key, missing value,
// bad number/date/bool/severity, number out of range). References stay as key
// text here; references.h resolves them across record types. Row text is not
// kept: a row rejected later is re-read from the file by its offset.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/dataset.h"
#include "data/input_file.h"
#include "data/load_options.h"
#include "data/memory_budget.h"

namespace fides::data {

// The rows of one record type that parsed, before references are resolved.
// Per field f, the vectors have one entry per staged row.
struct StagedRecord {
  uint32_t record = 0;
  std::string file;            // as shown in rejects.csv and run.json
  std::unique_ptr<InputFile> input;  // kept open to re-read rows rejected later
  Encoding used = Encoding::Utf8;    // what the file was decoded as
  int64_t rows = 0;                  // records after the header: loaded + rejected
  std::vector<uint32_t> line, last_line;  // physical lines the row spans
  std::vector<uint64_t> offset, length;   // its bytes in the file
  std::vector<std::vector<int64_t>> values;   // non-text, non-reference fields
  std::vector<std::vector<fides_str>> texts;  // text fields; reference fields: the key as written
  std::vector<std::vector<uint8_t>> present;  // optional fields
  std::vector<std::vector<uint32_t>> cell_column;  // key and reference fields: where the cell starts
  std::vector<Reject> rejects;
  // Key (printed form) → line, of rows rejected while parsing whose key cell
  // was readable: a reference to one of them is a "reference to rejected row".
  std::unordered_map<std::string, uint32_t> rejected_keys;

  // Staged row i's text as written, decoded (for rejects.csv).
  std::string row_text(size_t i) const;
};

// Where a record type's rows come from.
struct RecordSource {
  std::string path;   // file to read, unless `text` is given
  std::string shown;  // the name used in rejects.csv and run.json
  const std::string* text = nullptr;  // CSV already in memory (UTF-8)
};

// Reads and stages one record type, filling stat's sha256, encoding and
// lines. Fails (exit 1) when the file cannot be read, is UTF-16, its header
// was evidently read in the wrong encoding (header_hint.h), a column of a
// non-optional field is missing, or the rows need more than `budget` allows;
// a missing column of an optional field only adds a warning (every value absent).
bool read_record_file(const fides_pack& pack, uint32_t record, const RecordSource& source,
                      const LoadOptions& options, TextArena& arena, MemoryBudget& budget, StagedRecord& out,
                      std::vector<std::string>& warnings, InputStat& stat, LoadFailure& failure);

}  // namespace fides::data
