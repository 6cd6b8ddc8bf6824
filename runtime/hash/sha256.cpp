#include "hash/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace fides::hash {
namespace {
// libcrypto fails these only when it cannot allocate a few hundred bytes or the
// digest is missing from the build: nothing a caller could recover from.
void require(int ok) {
  if (!ok) std::abort();
}
}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  require(ctx_ != nullptr);
  require(EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr));
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

void Sha256::update(const void* data, size_t len) { require(EVP_DigestUpdate(ctx_, data, len)); }

std::array<uint8_t, 32> Sha256::digest() {
  std::array<uint8_t, 32> out;
  unsigned int len = 0;
  require(EVP_DigestFinal_ex(ctx_, out.data(), &len) && len == out.size());
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
