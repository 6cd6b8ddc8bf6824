// A loaded dataset: every record type as columns in the layout of the pack
// ABI, key maps, the indexes the pack asked for, tables, parameter values,
// and what was rejected on the way. Built once by load_dataset() (loader.h),
// then read-only: evaluation threads share it without locks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "data/key_index.h"
#include "data/text_arena.h"
#include "fides/pack_abi.h"

namespace fides::data {

// One record type's rows (only the loaded ones, in input order).
struct RecordStore {
  int64_t n_rows = 0;
  std::vector<std::vector<int64_t>> values;     // per field; empty for text fields
  std::vector<std::vector<fides_str>> texts;    // per field; text fields only
  std::vector<std::vector<uint8_t>> present;    // per field; optional fields only
  std::vector<fides_column> columns;            // the ABI view of the vectors above
  // Per row: the key as text (printed form). Empty when the key is a text
  // field: its column holds the same views, and a copy would cost 16 bytes a row.
  std::vector<fides_str> keys;
  int32_t text_key_field = -1;                  // that field, or -1: `keys` holds them
  std::vector<uint32_t> line, last_line;        // per row: the physical lines it spans
  KeyIndex key_index;                           // key text → row, over key_texts()

  // Every row's key in printed form (an absent optional key is empty).
  const std::vector<fides_str>& key_texts() const {
    return text_key_field >= 0 ? texts[static_cast<size_t>(text_key_field)] : keys;
  }
  // The row whose key (printed form) is `key`, or -1.
  int64_t find_row(std::string_view key) const { return key_index.find(key, key_texts()); }
};

// Compressed sparse rows (see fides_index_data).
struct IndexStore {
  std::vector<int64_t> offsets, rows, group_of_row;
  std::vector<int64_t> group_values;   // BY_FIELD over a non-text value: each group's value
  std::vector<fides_str> group_texts;  // BY_FIELD over a text value
  fides_index_data view() const;
};

struct TableStore {
  std::vector<int64_t> keys, values;
  std::vector<fides_str> key_texts, value_texts;
  fides_table_data view() const;
};

// One row of rejects.csv.
struct Reject {
  std::string file;  // as shown: the file name for a file in the data folder, else the path given
  uint32_t line = 0;       // where the reject starts
  uint32_t last_line = 0;  // and where it ends (a record may span lines)
  uint32_t column = 0;
  std::string reason;
  std::string text;  // the row as written (UTF-8, ill-formed bytes replaced)
};

// One entry of run.json's inputs.
struct InputStat {
  std::string record, file, sha256;
  std::string encoding;  // what the file was read as: "utf-8" or "gbk"
  int64_t rows = 0, loaded = 0, rejected = 0;
  uint32_t lines = 0;  // physical lines: the header's, and those of every row
  // The header's layout, to read a rejected row's text again: its cell count,
  // and per field of the record the cell holding it (-1: the column is missing).
  uint32_t cells = 0;
  std::vector<int> field_cells;
};

class Dataset {
 public:
  Dataset() = default;
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  const fides_pack* pack = nullptr;
  TextArena arena;
  std::vector<RecordStore> records;  // [n_records]
  std::vector<TableStore> tables;    // [n_tables]
  std::vector<IndexStore> indexes;   // [n_indexes]
  std::vector<fides_param_value> params;  // [n_params]
  std::vector<std::string> param_texts;   // [n_params] the value as given (for run.json)
  std::vector<std::string> table_sources; // [n_tables] "embedded" or the replacement file
  std::vector<InputStat> inputs;     // one per record type, in declaration order
  std::vector<Reject> rejects;       // by record type, then line
  std::vector<std::string> warnings; // e.g. an optional field's column missing
  // How long each step of loading took (run.json's timings): name_ms → ms.
  std::vector<std::pair<std::string, double>> load_timings;

  // Views handed to packs; valid while the dataset lives. Filled by finish().
  std::vector<fides_record_data> record_data;
  std::vector<fides_table_data> table_data;
  std::vector<fides_index_data> index_data;

  // Fills the views from the stores. Call once loading is complete.
  void finish();

  // An evaluation context over this dataset, with no findings and no sink.
  fides_eval_ctx context() const;

  // The key text of a row, for output files.
  std::string_view key_of(uint32_t record, int64_t row) const {
    return view_of(records[record].key_texts()[static_cast<size_t>(row)]);
  }
};

}  // namespace fides::data
