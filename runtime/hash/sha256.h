// SHA-256 (FIPS 180-4), incremental, for the programs around packs: the pack
// content hash, the pack file's digest, and every input file's fingerprint in
// run.json. Backed by OpenSSL's libcrypto, whose SHA-256 uses the CPU's SHA
// extensions where there are any: inputs are hashed at several GB/s instead of
// the ~0.3 GB/s of portable C. (Packs themselves keep runtime/builtins/sha256.c
// for uniform(), so that they need nothing but libc; a test checks both agree.)
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace fides::hash {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, size_t len);
  void update(std::string_view s) { update(s.data(), s.size()); }
  // Finishes the hash; the object must not be updated afterwards.
  std::array<uint8_t, 32> digest();
  // digest() as 64 lowercase hex digits.
  std::string hex_digest();

 private:
  ::evp_md_ctx_st* ctx_;
};

// Hex SHA-256 of a byte string.
std::string sha256_hex(std::string_view data);

}  // namespace fides::hash
