// fides-gen: a deterministic shuffle of a CSV file's rows, in bounded memory.
#pragma once

#include <cstdint>
#include <string>

namespace fides::gen {

// Rewrites the CSV file at `path` with its header first and its rows in an
// order drawn from `seed` (the same seed gives the same order). A row ends at
// a line break outside double quotes, so quoted cells may hold line breaks;
// GBK text is safe too (no GBK trail byte is a quote or a line break).
//
// External shuffle: each row goes to one of about size / bucket_bytes bucket
// files drawn at random, and each bucket is shuffled in memory and appended,
// which is a uniform shuffle while holding one bucket at a time. Throws
// std::runtime_error on I/O errors.
void shuffle_csv_rows(const std::string& path, uint64_t seed, uint64_t bucket_bytes = 64ull << 20);

}  // namespace fides::gen
