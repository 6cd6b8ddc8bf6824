#include "trust/verified_pack.h"

#include "fides/pack_abi.h"
#include "hash/sha256.h"
#include "trust/elf_check.h"
#include "trust/file_io.h"

namespace fides::trust {
namespace {
constexpr size_t kPackLimit = size_t(1) << 30;
constexpr size_t kSignatureLimit = 4096;

std::string key_list(const std::vector<PublicKey>& keys) {
  std::string s;
  for (const PublicKey& k : keys) s += (s.empty() ? "" : ", ") + k.id + " (" + k.file + ")";
  return s;
}

bool check_signature(const std::string& path, const std::vector<PublicKey>& trusted, VerifiedPack& out,
                     std::string& error) {
  std::string sig_path = path + ".sig", text, why;
  if (!read_whole_file(sig_path, kSignatureLimit, text, why)) {
    error = "it is not signed (" + why + "); --trust accepts only packs signed with `fides build --sign`";
    return false;
  }
  Signature sig;
  if (!parse_signature(text, sig, why)) {
    error = sig_path + " is " + why;
    return false;
  }
  for (const PublicKey& key : trusted) {
    if (key.id != sig.key_id) continue;
    if (!signature_matches(sig, key, out.bytes)) {
      error = "its signature by key " + key.id +
              " does not match its bytes: the pack was changed after it was signed, or the signature is another pack's";
      return false;
    }
    out.origin.is_signed = true;
    out.origin.key_id = key.id;
    return true;
  }
  error = "it is signed by key " + sig.key_id + ", which is not trusted (trusted: " + key_list(trusted) + ")";
  return false;
}
}  // namespace

bool read_verified_pack(const std::string& path, const std::vector<PublicKey>& trusted, VerifiedPack& out,
                        std::string& error) {
  out = VerifiedPack{};
  std::string why;
  if (!read_whole_file(path, kPackLimit, out.bytes, why)) {
    error = "cannot load pack: " + why;
    return false;
  }
  out.origin.sha256 = hash::sha256_hex(out.bytes);
  // Authenticity first, so that untrusted bytes are not even parsed; then the
  // structure, which also protects unsigned runs from a truncated file.
  bool ok = (trusted.empty() || check_signature(path, trusted, out, why)) &&
            check_pack_elf(out.bytes, FIDES_PACK_ENTRY, why);
  if (!ok) error = "refusing pack " + path + ": " + why;
  return ok;
}

}  // namespace fides::trust
