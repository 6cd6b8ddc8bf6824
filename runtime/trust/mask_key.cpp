#include "trust/mask_key.h"

#include <sodium.h>

#include "hash/sha256.h"
#include "trust/file_io.h"

namespace fides::trust {

struct MaskKey::Keyed {
  crypto_auth_hmacsha256_state state;
};

MaskKey::MaskKey() = default;

MaskKey::~MaskKey() {
  if (keyed_) sodium_memzero(&keyed_->state, sizeof keyed_->state);
}

bool MaskKey::read(const std::string& path, std::string& error) {
  if (sodium_init() < 0) {
    error = "libsodium could not be initialised";
    return false;
  }
  std::string key;
  if (!read_whole_file(path, kMaxBytes, key, error)) return false;
  if (key.size() < kMinBytes) {
    error = path + " holds " + std::to_string(key.size()) + " bytes; a mask key file holds at least " +
            std::to_string(kMinBytes) + " secret bytes (make one with: head -c 32 /dev/urandom > " + path + ")";
    sodium_memzero(key.data(), key.size());
    return false;
  }
  keyed_ = std::make_unique<Keyed>();
  crypto_auth_hmacsha256_init(&keyed_->state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  hash::Sha256 label;
  label.update("fides mask key fingerprint\n");
  label.update(key);
  fingerprint_ = label.hex_digest().substr(0, 16);
  sodium_memzero(key.data(), key.size());
  return true;
}

std::string MaskKey::pseudonym(std::string_view clear) const {
  crypto_auth_hmacsha256_state state = keyed_->state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(clear.data()), clear.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, mac, 8);
  return std::string("~") + hex;
}

}  // namespace fides::trust
