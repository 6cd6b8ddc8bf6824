#include "trust/keys.h"

#include <sodium.h>

#include "hash/sha256.h"
#include "trust/file_io.h"

namespace fides::trust {
namespace {
constexpr std::string_view kSecretTag = "fides-ed25519-secret ";
constexpr std::string_view kPublicTag = "fides-ed25519-public ";
constexpr std::string_view kSignatureTag = "fides-signature 1\n";
constexpr size_t kKeyFileLimit = 4096;

bool sodium_ready(std::string& error) {
  if (sodium_init() >= 0) return true;
  error = "libsodium could not be initialised";
  return false;
}

std::string hex(const uint8_t* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

// Exactly 2 × out.size() lowercase or uppercase hex digits.
template <size_t N>
bool unhex(std::string_view text, std::array<uint8_t, N>& out) {
  if (text.size() != 2 * N) return false;
  size_t len = 0;
  return sodium_hex2bin(out.data(), N, text.data(), text.size(), nullptr, &len, nullptr) == 0 && len == N;
}

// "<tag><hex>\n" (the newline optional): the hex part, or empty.
std::string_view tagged_line(std::string_view text, std::string_view tag) {
  if (text.substr(0, tag.size()) != tag) return {};
  text.remove_prefix(tag.size());
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  return text;
}

std::string key_id_of(const std::array<uint8_t, 32>& public_key) {
  return hash::sha256_hex(std::string_view(reinterpret_cast<const char*>(public_key.data()), public_key.size()))
      .substr(0, 16);
}
}  // namespace

bool generate_key_pair(const std::string& name, std::string& error) {
  if (!sodium_ready(error)) return false;
  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> pk;
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> sk;
  crypto_sign_keypair(pk.data(), sk.data());
  std::string secret = std::string(kSecretTag) + hex(sk.data(), sk.size()) + "\n";
  sodium_memzero(sk.data(), sk.size());
  bool ok = write_file_atomically(name + ".key", secret, 0600, true, error) &&
            write_file_atomically(name + ".pub", std::string(kPublicTag) + hex(pk.data(), pk.size()) + "\n", 0644,
                                  false, error);
  sodium_memzero(secret.data(), secret.size());
  return ok;
}

bool read_public_key(const std::string& path, PublicKey& out, std::string& error) {
  std::string text;
  if (!read_whole_file(path, kKeyFileLimit, text, error)) return false;
  if (!unhex(tagged_line(text, kPublicTag), out.bytes)) {
    error = path + " is not a Fides public key (expected one line: fides-ed25519-public and 64 hex digits)";
    return false;
  }
  out.id = key_id_of(out.bytes);
  out.file = path;
  return true;
}

bool sign_file(const std::string& file, const std::string& key_path, std::string& error) {
  if (!sodium_ready(error)) return false;
  std::string key_text, data;
  if (!read_whole_file(key_path, kKeyFileLimit, key_text, error)) return false;
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> sk;
  bool key_ok = unhex(tagged_line(key_text, kSecretTag), sk);
  sodium_memzero(key_text.data(), key_text.size());
  if (!key_ok) {
    error = key_path + " is not a Fides secret key (make one with `fides keygen NAME`)";
    return false;
  }
  // The public key is the second half of a libsodium Ed25519 secret key.
  std::array<uint8_t, 32> pk;
  std::copy(sk.begin() + 32, sk.end(), pk.begin());
  bool ok = read_whole_file(file, size_t(1) << 32, data, error);
  std::array<uint8_t, crypto_sign_BYTES> sig;
  if (ok) crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const uint8_t*>(data.data()), data.size(), sk.data());
  sodium_memzero(sk.data(), sk.size());
  if (!ok) return false;
  std::string text = std::string(kSignatureTag) + "key " + key_id_of(pk) + "\ned25519 " + hex(sig.data(), sig.size()) + "\n";
  return write_file_atomically(file + ".sig", text, 0644, false, error);
}

bool parse_signature(std::string_view text, Signature& out, std::string& error) {
  std::string_view rest = text;
  bool ok = rest.substr(0, kSignatureTag.size()) == kSignatureTag;
  if (ok) rest.remove_prefix(kSignatureTag.size());
  size_t eol = rest.find('\n');
  ok = ok && eol != std::string_view::npos && rest.substr(0, 4) == "key " && eol == 4 + 16;
  if (ok) {
    out.key_id = std::string(rest.substr(4, 16));
    ok = out.key_id.find_first_not_of("0123456789abcdef") == std::string::npos;
    rest.remove_prefix(eol + 1);
  }
  ok = ok && unhex(tagged_line(rest, "ed25519 "), out.bytes);
  if (!ok) error = "not a Fides signature (expected lines: fides-signature 1, key <16 hex>, ed25519 <128 hex>)";
  return ok;
}

bool signature_matches(const Signature& sig, const PublicKey& key, std::string_view data) {
  return sodium_init() >= 0 && sig.key_id == key.id &&
         crypto_sign_verify_detached(sig.bytes.data(), reinterpret_cast<const uint8_t*>(data.data()), data.size(),
                                     key.bytes.data()) == 0;
}

}  // namespace fides::trust
