#include "hash/sha256.h"

namespace fides::hash {

std::array<uint8_t, 32> Sha256::digest() {
  std::array<uint8_t, 32> out;
  fides_sha256_final(&s_, out.data());
  return out;
}

std::string Sha256::hex_digest() {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (uint8_t b : digest()) {
    s += kHex[b >> 4];
    s += kHex[b & 15];
  }
  return s;
}

std::string sha256_hex(std::string_view data) {
  Sha256 h;
  h.update(data);
  return h.hex_digest();
}

}  // namespace fides::hash
