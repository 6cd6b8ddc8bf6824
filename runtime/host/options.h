// fides-score's command line:
//   fides-score PACK.so --data DIR --out DIR [--param k=v]… [--table name=file]…
//               [--input Record=file]… [--threads N] [--encoding auto|utf-8|gbk]
//               [--output-encoding utf-8|utf-8-bom|gbk] [--progress] [--quiet]
//               [--trust KEY.pub]… [--max-field-bytes SIZE] [--max-memory SIZE]
//               [--mask KEYFILE]
// Options take their value as the next argument or after `=` (--threads=4).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "host/score.h"

namespace fides::host {

struct ScoreCommand {
  std::string pack_path;
  std::vector<std::string> trust_keys;  // --trust: public key files; the pack must be signed by one
  ScoreOptions options;
  bool help = false;
};

// Parses argv[1..argc). False with a message for a usage error (exit 2).
// `fides diff` scores with the same options but writes no output folder: it
// parses them with out_required false.
bool parse_score_command(int argc, const char* const* argv, ScoreCommand& out, std::string& error,
                         bool out_required = true);

const char* score_usage();

// A size on a command line: digits and an optional binary multiple K, M, G or
// T (also KB, KiB, …; any case). False when it does not parse, is 0 or overflows.
bool parse_size(std::string_view text, uint64_t& out);

}  // namespace fides::host
