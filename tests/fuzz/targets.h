// The fuzz targets: each takes one arbitrary input, runs it through a part of
// Fides that reads untrusted bytes, and returns "" when everything behaved, or
// a sentence saying which invariant broke. A crash, a sanitizer report or a
// hang is a failure too. The fuzzers (fuzzer_main.cpp) and the regression
// replay (regression_test.cpp) both call these functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace fides::fuzz {

using CheckFn = std::string (*)(const uint8_t* data, size_t size);

// The source text through parse and check, every diagnostic rendered, and
// `fides fmt` (twice, which must change nothing the second time).
std::string check_front_end(const uint8_t* data, size_t size);
// Byte 0 picks the encoding and the record type; the rest is that record's
// CSV file, loaded with the other record types' default files.
std::string check_csv_reader(const uint8_t* data, size_t size);
// Byte 0 picks a table descriptor (runtime parse_table) or the compiler's
// `table … from "t.csv"`; the rest is the table's CSV text.
std::string check_tables(const uint8_t* data, size_t size);
// The input split at NUL bytes is fides-score's argv; the --param values
// parsed are then loaded against parameters of every type.
std::string check_score_options(const uint8_t* data, size_t size);
// The input as a pack file: ELF check, signature check with a trusted key,
// and the same bytes read as a signature file and as a public key file.
std::string check_pack_verifier(const uint8_t* data, size_t size);
// The input as the language server's input stream, and as the text of an
// open document asked for hovers, definitions, completions and its outline.
std::string check_lsp(const uint8_t* data, size_t size);

struct Target {
  const char* name;  // tests/fuzz/seeds/<name>, tests/fuzz/regressions/<name>, <name>_fuzzer
  CheckFn check;
};

inline constexpr Target kTargets[] = {
    {"front_end", check_front_end},         {"csv_reader", check_csv_reader},
    {"tables", check_tables},               {"score_options", check_score_options},
    {"pack_verifier", check_pack_verifier}, {"lsp", check_lsp},
};

}  // namespace fides::fuzz
