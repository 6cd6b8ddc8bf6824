// Pack files and their signatures from random bytes (or mutations of a real
// signed pack): nothing here ever loads a pack; verification must end in a
// verdict and a message, never a signal.
#include <cstdio>
#include <stdexcept>
#include <string>

#include "fides/pack_abi.h"
#include "scratch.h"
#include "targets.h"
#include "trust/elf_check.h"
#include "trust/verified_pack.h"

namespace fides::fuzz {
namespace {
// A key pair made once per process, and a file that is not a pack.
struct Keys {
  std::string secret;
  trust::PublicKey public_key;
  std::string not_a_pack;
};

const Keys& keys() {
  static const Keys k = [] {
    Keys out;
    std::string error;
    std::string name = scratch_dir() + "/fuzz";
    if (!trust::generate_key_pair(name, error) || !trust::read_public_key(name + ".pub", out.public_key, error))
      throw std::runtime_error(error);
    out.secret = name + ".key";
    out.not_a_pack = write_scratch_file("not_a_pack.so", "not a pack");
    return out;
  }();
  return k;
}

std::string verdict(bool ok, const std::string& error) { return ok ? "accepted" : "refused (" + error + ")"; }
}  // namespace

std::string check_pack_verifier(const uint8_t* data, size_t size) {
  const Keys& k = keys();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string elf_error;
  bool elf_ok = trust::check_pack_elf(bytes, FIDES_PACK_ENTRY, elf_error);
  if (!elf_ok && elf_error.empty()) return "the ELF check refused without a message";

  // The same bytes as a file: unsigned, then signed by the trusted key.
  std::string pack = write_scratch_file("pack.so", bytes);
  std::remove((pack + ".sig").c_str());
  trust::VerifiedPack verified;
  std::string error;
  bool unsigned_ok = trust::read_verified_pack(pack, {}, verified, error);
  if (unsigned_ok != elf_ok || (unsigned_ok && verified.bytes != bytes))
    return "read unsigned: " + verdict(unsigned_ok, error) + ", ELF check: " + verdict(elf_ok, elf_error);
  if (trust::read_verified_pack(pack, {k.public_key}, verified, error))
    return "an unsigned pack was accepted under --trust";
  if (!trust::sign_file(pack, k.secret, error)) return "cannot sign: " + error;
  bool signed_ok = trust::read_verified_pack(pack, {k.public_key}, verified, error);
  if (signed_ok != elf_ok || (signed_ok && !verified.origin.is_signed))
    return "read signed: " + verdict(signed_ok, error) + ", ELF check: " + verdict(elf_ok, elf_error);

  // The bytes as a signature of a file that is not a pack, and as a key file.
  write_scratch_file("not_a_pack.so.sig", bytes);
  if (trust::read_verified_pack(k.not_a_pack, {k.public_key}, verified, error))
    return "a file that is not a pack was accepted with the signature given";
  trust::Signature signature;
  if (trust::parse_signature(bytes, signature, error)) trust::signature_matches(signature, k.public_key, bytes);
  trust::PublicKey key;
  if (trust::read_public_key(write_scratch_file("key.pub", bytes), key, error) && key.id.size() != 16)
    return "a public key whose id is not 16 hex digits: " + key.id;
  return "";
}

}  // namespace fides::fuzz
