// Ed25519 key pairs and detached pack signatures (libsodium), as small text
// files (README.md has the formats):
//   NAME.key  "fides-ed25519-secret <128 hex>"   mode 0600
//   NAME.pub  "fides-ed25519-public <64 hex>"
//   PACK.sig  "fides-signature 1" / "key <key id>" / "ed25519 <128 hex>"
// A key id is the first 16 hex digits of SHA-256 of the 32-byte public key.
// Every function reports problems as a message in `error`, never throws.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fides::trust {

struct PublicKey {
  std::array<uint8_t, 32> bytes{};
  std::string id;    // key id, 16 hex digits
  std::string file;  // where it was read from, for messages
};

// Writes NAME.key (mode 0600, never over an existing file) and NAME.pub.
bool generate_key_pair(const std::string& name, std::string& error);

bool read_public_key(const std::string& path, PublicKey& out, std::string& error);

// Signs the bytes of `file` with the secret key at `key_path`; writes
// `file`.sig (under a temporary name, then renamed into place).
bool sign_file(const std::string& file, const std::string& key_path, std::string& error);

struct Signature {
  std::string key_id;
  std::array<uint8_t, 64> bytes{};
};

bool parse_signature(std::string_view text, Signature& out, std::string& error);

// The signature is by `key` and matches `data` exactly.
bool signature_matches(const Signature& sig, const PublicKey& key, std::string_view data);

}  // namespace fides::trust
