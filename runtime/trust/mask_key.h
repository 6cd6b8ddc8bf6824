// The bureau's masking key (`fides-score --mask KEYFILE`) and the keyed
// pseudonyms it makes: a person's identifier printed in an output becomes
// "~" and the first 16 hex digits of HMAC-SHA-256(key, identifier). The same
// key gives the same pseudonym in every run, so a case can be followed across
// runs; without the key a pseudonym cannot be computed from a guessed
// identifier, as a plain hash could.
//
// 16 hex digits are 64 bits: among n distinct identifiers two share a
// pseudonym with probability about n² / 2^65 (10^6 persons: 3 × 10^-8; 10^8
// identifiers, a province over many years: 3 × 10^-4).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace fides::trust {

class MaskKey {
 public:
  // The key file holds the key: all of its bytes, 32 to kMaxBytes of them.
  static constexpr size_t kMinBytes = 32;
  static constexpr size_t kMaxBytes = 4096;

  MaskKey();
  ~MaskKey();  // wipes the key from memory
  MaskKey(const MaskKey&) = delete;
  MaskKey& operator=(const MaskKey&) = delete;

  // Reads a regular file of kMinBytes to kMaxBytes. False with a message
  // naming the file otherwise.
  bool read(const std::string& path, std::string& error);

  // "~" + 16 lowercase hex digits. Only after read() succeeded.
  std::string pseudonym(std::string_view clear) const;

  // Says which key masked a run without revealing it: the first 16 hex digits
  // of SHA-256 over a fixed label and the key (never equal to a pseudonym's).
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  struct Keyed;  // the HMAC state after the key, copied for each value
  std::unique_ptr<Keyed> keyed_;
  std::string fingerprint_;
};

}  // namespace fides::trust
