// SHA-256 (FIPS 180-4), incremental. Used to stamp a pack with the hash of its
// sources and tables and to fingerprint every input file in run.json. A C++
// face on the one implementation, runtime/builtins/sha256.c (which packs use
// for uniform()).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "builtins/fides_builtins.h"

namespace fides::hash {

class Sha256 {
 public:
  Sha256() { fides_sha256_init(&s_); }
  void update(const void* data, size_t len) { fides_sha256_update(&s_, data, len); }
  void update(std::string_view s) { update(s.data(), s.size()); }
  // Finishes the hash; the object must not be updated afterwards.
  std::array<uint8_t, 32> digest();
  // digest() as 64 lowercase hex digits.
  std::string hex_digest();

 private:
  fides_sha256 s_;
};

// Hex SHA-256 of a byte string.
std::string sha256_hex(std::string_view data);

}  // namespace fides::hash
