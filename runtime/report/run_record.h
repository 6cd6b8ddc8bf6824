// A finished run as its output folder's run.json records it (runtime/host/
// run_json.h): the pack, the inputs with their hashes, parameters, tables,
// and the run's Overview (host/overview.h), read back exactly (amounts keep
// the digits they were written with).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/encoding.h"
#include "host/overview.h"

namespace fides::report {

struct InputRecord {
  std::string record, file, encoding, sha256;
  int64_t rows = 0, loaded = 0, rejected = 0;
};

struct ParamRecord {
  std::string name, value;
};

struct TableRecord {
  std::string name, source;
  int64_t entries = 0;
};

struct RunRecord {
  std::string pack, version, hash, compiler, encoding;
  std::string pack_sha256;  // empty: the interpreter ran the sources
  bool is_signed = false;
  std::string key_id;  // empty unless signed
  data::Encoding csv_encoding = data::Encoding::Utf8;  // how the CSV outputs are to be read
  std::vector<ParamRecord> params;
  std::vector<TableRecord> tables;
  std::vector<InputRecord> inputs;
  int64_t rejects = 0;
  std::vector<std::string> warnings;
  host::Overview overview;
};

// Reads `path` (run.json). False with a message naming the file and, for
// malformed JSON, line and column; for a missing or mistyped field, its
// place (`rules[2].amount`). A run that did not finish is refused: its other
// files may be an earlier run's.
bool read_run_record(const std::string& path, RunRecord& out, std::string& error);

}  // namespace fides::report
