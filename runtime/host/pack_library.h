// Opening a compiled pack: dlopen() the shared library, call its
// FIDES_PACK_ENTRY symbol, and check the descriptor before anything trusts
// it — ABI version first (the layout of the rest depends on it), then the
// structure, then the content hash recomputed from the embedded sources and
// tables. Every refusal is a message for the user (exit 1).
#pragma once

#include <string>

#include "fides/pack_abi.h"

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

  // Loads and verifies the pack at `path`. False with a message naming it.
  bool open(const std::string& path, std::string& error);
  const fides_pack* descriptor() const { return pack_; }

 private:
  void* handle_ = nullptr;
  const fides_pack* pack_ = nullptr;
};

}  // namespace fides::host
