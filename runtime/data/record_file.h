// Reading one record type's input file into staged rows: the header matched
// to the descriptor's columns, every record (row_reader.h) either parsed into
// typed values or rejected (the reader's reasons, empty key, missing value,
// bad number/date/bool/severity, number out of range). References stay as key
// text here; references.h resolves them across record types. Row text is not
// kept: a row rejected later is re-read from the file by its offset.
//
// In three steps, so that the files of a run and the parts of a large file
// are read on several threads: open_record_file() (probe, header, columns
// sized for every line), read_record_part() for each part (any order, any
// thread; a part writes only the slots of the lines it starts rows on), then
// finish_record_file() (checks that no record straddled a cut, re-reading the
// part after one that did, and closes the gaps).
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

// What one reader of a part of a file found besides its rows.
struct StagedPart {
  uint64_t offset = 0, stop = 0;  // the records starting in [offset, stop)
  uint32_t lines_before = 0;      // lines before `offset`
  uint64_t end_offset = 0;        // where the record after its last one starts
  uint32_t end_lines = 0;         // lines before end_offset
  int64_t rows = 0;               // records read: loaded + rejected
  TextArena arena;                // the text of its rows
  TextArena ref_texts;            // its references' key text, needed only until they are resolved
  std::vector<Reject> rejects;
  std::unordered_map<std::string, uint32_t> rejected_keys;  // see StagedRecord
  LoadFailure failure;            // exit_code 0: none
  bool out_of_memory = false;     // failed because the memory budget ran out
};

// The rows of one record type that parsed, before references are resolved.
// Per field f, the vectors have one entry per staged row. While the parts
// are read, a row's slot is its first line's number minus 2 (the header is
// line 1) and `filled` says which slots hold one.
struct StagedRecord {
  uint32_t record = 0;
  std::string file;            // as shown in rejects.csv and run.json
  std::unique_ptr<InputFile> input;  // kept open to re-read rows rejected later
  Encoding used = Encoding::Utf8;    // what the file was decoded as
  bool valid_utf8 = false;           // the whole file is well-formed UTF-8
  std::vector<int> at;               // header index of each field's column; -1: absent
  std::vector<std::string> header;
  std::vector<bool> multiline_ok;    // per header column: may hold a line break
  std::vector<StagedPart> parts;
  TextArena ref_texts;               // the parts' reference key text, freed with the staged rows
  std::vector<uint8_t> filled;       // per slot, while reading
  uint32_t header_lines = 0;         // the lines the header spans
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

// Opens one record type's input, probes it, matches its header and plans its
// parts (about `part_bytes` each), filling stat's sha256 and encoding. Fails
// (exit 1) when the file cannot be read, is UTF-16, its header was evidently
// read in the wrong encoding (header_hint.h), or a column of a non-optional
// field is missing; a missing column of an optional field only adds a
// warning (every value absent).
bool open_record_file(const fides_pack& pack, uint32_t record, const RecordSource& source,
                      const LoadOptions& options, uint64_t part_bytes, StagedRecord& out,
                      std::vector<std::string>& warnings, InputStat& stat, LoadFailure& failure);

// Reads part `index` of an opened record type. Fails (part.failure) on a read
// error or when the rows need more than `budget` allows. Parts of one record
// type may be read at the same time.
void read_record_part(const fides_pack& pack, StagedRecord& staged, size_t index, const LoadOptions& options,
                      MemoryBudget& budget);

// Forgets what the parts of an opened record type read, to read them again.
void clear_record_parts(StagedRecord& staged);

// After every part was read: re-reads a part whose first record began inside
// the previous part's last one, gathers the parts' text into `arena`, their
// rejects and counts, and moves the rows to consecutive slots. Fails with
// the first failure of a part, in file order.
bool finish_record_file(const fides_pack& pack, StagedRecord& staged, const LoadOptions& options,
                        MemoryBudget& budget, TextArena& arena, InputStat& stat, LoadFailure& failure);

}  // namespace fides::data
