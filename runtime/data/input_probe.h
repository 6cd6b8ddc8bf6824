// The first pass over an input file (two for a file that is not UTF-8): its SHA-256 (run.json), whether the
// whole file is valid UTF-8 and valid GBK (what `--encoding auto` decides
// on, spec §9.7), a UTF-16 byte order mark, and the header line's bytes as
// written (header_hint.h). One block in memory at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/input_file.h"

namespace fides::data {

struct InputProbe {
  std::string sha256;
  bool utf8 = true;         // every byte sequence is well-formed UTF-8
  bool gbk = true;          // every byte sequence is valid GBK
  bool utf16_bom = false;   // starts with FF FE or FE FF
  std::string header_bytes; // the first line as written (at most 64 KiB)
  uint64_t lines = 0;       // physical lines (spec §9.8), so the loader can size its columns once
  // Where the file may be cut for readers working in parallel: the start of
  // the first line after each multiple of `split_bytes`, and the number of
  // lines before it. (A record spanning lines may still straddle a cut: the
  // loader checks that.)
  struct Split {
    uint64_t offset;
    uint32_t lines_before;
  };
  std::vector<Split> splits;
};

// Reads `in` to the end and rewinds it; `gbk` is found only when
// `check_gbk` and the file is not UTF-8 (a second pass), else left true.
// False on a read error.
bool probe_input(InputFile& in, InputProbe& out, bool check_gbk, uint64_t split_bytes, std::string& error);

}  // namespace fides::data
