// SHA-256 (FIPS 180-4), incremental. Used to stamp a pack with the hash of its
// sources and tables and to fingerprint every input file in run.json.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace fides::hash {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t len);
  void update(std::string_view s) { update(s.data(), s.size()); }
  // Finishes the hash; the object must not be updated afterwards.
  std::array<uint8_t, 32> digest();
  // digest() as 64 lowercase hex digits.
  std::string hex_digest();

 private:
  void block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

// Hex SHA-256 of a byte string.
std::string sha256_hex(std::string_view data);

}  // namespace fides::hash
