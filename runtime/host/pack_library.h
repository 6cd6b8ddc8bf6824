// Opening a compiled pack. The file is read once into memory and checked
// there (trust/verified_pack.h: ELF structure, and with trusted keys its
// signature); exactly those bytes are handed to the dynamic loader through a
// sealed memfd, so a file changed or swapped after the check is never run.
// Then FIDES_PACK_ENTRY is called and the descriptor checked before anything
// trusts it — ABI version first (the layout of the rest depends on it), then
// the structure, then the content hash recomputed from the embedded sources
// and tables. Every refusal is a message for the user (exit 1).
#pragma once

#include <string>
#include <vector>

#include "fides/pack_abi.h"
#include "trust/verified_pack.h"

namespace fides::host {

// Checks an already obtained descriptor: ABI version, structure, hash.
bool verify_pack(const fides_pack& pack, std::string& error);

// A loaded pack library; closes it on destruction.
class PackLibrary {
 public:
  PackLibrary() = default;
  ~PackLibrary();
  PackLibrary(const PackLibrary&) = delete;
  PackLibrary& operator=(const PackLibrary&) = delete;

  // Loads and verifies the pack at `path`; with `trusted` keys, only a pack
  // signed by one of them. False with a message naming it.
  bool open(const std::string& path, const std::vector<trust::PublicKey>& trusted, std::string& error);
  bool open(const std::string& path, std::string& error) { return open(path, {}, error); }
  const fides_pack* descriptor() const { return pack_; }
  // The file as loaded: its SHA-256, and whether a trusted key signed it.
  const trust::PackOrigin& origin() const { return origin_; }

 private:
  void* handle_ = nullptr;
  int fd_ = -1;  // the sealed memfd the pack was loaded from, named /proc/self/fd/N
  const fides_pack* pack_ = nullptr;
  trust::PackOrigin origin_;
};

}  // namespace fides::host
