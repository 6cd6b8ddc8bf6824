// A pack file read once into memory and checked before anything loads it:
// the ELF structure (elf_check.h), its SHA-256, and — when trusted keys are
// given — its detached signature PACK.sig (keys.h). The host then loads
// exactly these bytes, never the file again by name, so nothing can be
// swapped between the check and the load.
#pragma once

#include <string>
#include <vector>

#include "trust/keys.h"

namespace fides::trust {

// What run.json records about the pack file as loaded.
struct PackOrigin {
  std::string sha256;   // of the whole file; empty when no file was loaded (the interpreter)
  bool is_signed = false;  // signed by one of the trusted keys (false without --trust)
  std::string key_id;   // that key's id, when signed
};

struct VerifiedPack {
  std::string bytes;
  PackOrigin origin;
};

// Reads and checks the pack at `path`. With `trusted` empty the signature is
// not consulted and the pack counts as unsigned; otherwise PATH.sig must be a
// signature of exactly these bytes by one of the trusted keys. False with a
// message naming the reason.
bool read_verified_pack(const std::string& path, const std::vector<PublicKey>& trusted, VerifiedPack& out,
                        std::string& error);

}  // namespace fides::trust
