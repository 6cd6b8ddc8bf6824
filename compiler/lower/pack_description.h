// What a pack's descriptor holds, as plain C++ values: the model that the
// lowering phase fills from the checked program and emit_descriptor() turns
// into constant globals mirroring runtime/include/fides/pack_abi.h.
//
// Each struct mirrors one fides_*_desc; counts are implied by vector sizes.
// Strings are raw UTF-8 bytes. Fields the ABI passes as `const char*` without
// a length (names, labels, columns, ids) are emitted NUL-terminated and must
// not contain a NUL byte (validate() says so); fields with an explicit length
// (source text, embedded CSV) may hold any bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fides/pack_abi.h"

namespace fides::lower {

// fides_type; REF fields name their target in `ref_record`.
enum class AbiType : uint32_t {
  Bool = FIDES_TYPE_BOOL,
  Int = FIDES_TYPE_INT,
  Decimal = FIDES_TYPE_DECIMAL,
  Money = FIDES_TYPE_MONEY,
  Text = FIDES_TYPE_TEXT,
  Date = FIDES_TYPE_DATE,
  Severity = FIDES_TYPE_SEVERITY,
  Ref = FIDES_TYPE_REF,
};

enum class Severity : uint32_t { Info = 0, Low = 1, Medium = 2, High = 3, Critical = 4 };
enum class Verdict : uint32_t { Suspicious = 0, Definite = 1 };

enum class IndexKind : uint32_t {
  ReverseRef = FIDES_INDEX_REVERSE_REF,
  ByField = FIDES_INDEX_BY_FIELD,
  GroupRows = FIDES_INDEX_GROUP_ROWS,
};

struct FieldDescription {
  std::string name;    // field name in the language
  std::string column;  // input column name
  AbiType type = AbiType::Text;
  bool optional = false;
  int32_t ref_record = -1;  // AbiType::Ref: index of the target record; else -1
  // FIDES_FIELD_PERSONAL: a Text field whose values identify a person, or a
  // Ref field whose target's key is such a field.
  bool personal = false;

  uint32_t abi_flags() const { return personal ? FIDES_FIELD_PERSONAL : 0u; }
};

struct RecordDescription {
  std::string name;
  std::string label;       // the quoted label, or ""
  std::string input_file;  // the input file in the data folder; a group: ""
  uint32_t key_field = 0;
  std::vector<FieldDescription> fields;  // stored fields only
  int32_t group_source = -1;             // a group: its `for` record; else -1
  uint32_t n_keys = 1;                   // a group: every field is a key
};

struct ParamDescription {
  std::string name;
  std::string label;
  AbiType type = AbiType::Int;  // never Ref
  std::string default_literal;  // in --param syntax
  bool has_range = false;       // `range lo to hi`: the bounds in --param syntax
  std::string range_low;
  std::string range_high;
};

struct TableDescription {
  std::string name;
  bool is_map = false;
  AbiType key_type = AbiType::Text;
  std::optional<AbiType> value_type;        // maps only
  std::string key_column;                   // set: `column`; map: `key`
  std::optional<std::string> value_column;  // maps only (NULL for sets)
  std::string source;                       // the file as declared, "" when inline
  std::string csv;                          // embedded CSV with a header row, any bytes
};

struct RuleDescription {
  std::string id;
  std::string name;
  std::string category;
  Severity severity = Severity::Medium;
  Verdict verdict = Verdict::Suspicious;
  uint32_t subject_record = 0;
  bool uses_hits = false;
};

struct ScorecardDescription {
  std::string name;
  std::string title;
  uint32_t subject_record = 0;
  bool score_is_decimal = false;
  std::vector<std::string> items;   // labels, declaration order
  std::vector<std::string> grades;  // labels, band order
  uint32_t reasons = 0;             // N of `reasons N`, 0 when absent
  bool reasons_highest = false;
};

struct SourceDescription {
  std::string path;  // relative to the main file's folder
  std::string text;  // any bytes
};

struct IndexDescription {
  IndexKind kind = IndexKind::ReverseRef;
  uint32_t record = 0;
  uint32_t field = 0;               // ByField: a field of the record `path` reaches
  std::vector<uint32_t> path = {};  // ByField: non-optional reference fields followed from `record`
};

struct PackDescription {
  std::string name;
  std::string version;
  std::string compiler;  // "fides 0.1.0"
  std::string hash;      // hex SHA-256, see runtime/hash/pack_hash.h
  std::vector<SourceDescription> sources;
  std::vector<RecordDescription> records;
  std::vector<ParamDescription> params;
  std::vector<TableDescription> tables;
  std::vector<RuleDescription> rules;
  std::vector<ScorecardDescription> scorecards;
  std::vector<IndexDescription> indexes;  // the order of fides_eval_ctx::indexes
  std::vector<uint32_t> row_cache_records;  // per row cache (fides_row_cache), its elements' record
};

// Checks what the ABI promises a host: every index in range, REF fields and
// only they name a record, only text and REF fields are personal and a REF
// field exactly when its target's key is, sets carry no value column and maps do, no NUL in
// a NUL-terminated string, enum values in range. A failure is a bug in the
// phase that built the description; the message names the offending entry.
// Returns "" when the description is sound, else what is wrong.
std::string validate(const PackDescription& pack);

}  // namespace fides::lower
