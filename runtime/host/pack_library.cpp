#include "host/pack_library.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "data/descriptor_check.h"
#include "hash/pack_hash.h"
#include "trust/file_io.h"

namespace fides::host {

bool verify_pack(const fides_pack& pack, std::string& error) {
  if (pack.abi_version != FIDES_ABI_VERSION) {
    error = "pack ABI version " + std::to_string(pack.abi_version) + " is not supported; this host reads version " +
            std::to_string(FIDES_ABI_VERSION) + " (rebuild the pack with a matching `fides build`)";
    return false;
  }
  if (!data::check_descriptor(pack, error)) return false;
  // A compiled pack runs through its own entry points (an interpreter brings its own).
  if ((pack.n_rules > 0 && !pack.eval_rule) || (pack.n_scorecards > 0 && !pack.eval_scorecard)) {
    error = "malformed pack: no evaluation entry point";
    return false;
  }
  std::string actual = hash::pack_content_hash(pack);
  std::string stamped = pack.hash ? pack.hash : "";
  if (actual != stamped) {
    error = "pack content hash does not match its descriptor (stamped " + (stamped.empty() ? "nothing" : stamped) +
            ", computed " + actual + "); the pack was altered after it was built";
    return false;
  }
  return true;
}

PackLibrary::~PackLibrary() {
  if (handle_) dlclose(handle_);
  if (fd_ >= 0) ::close(fd_);
}

namespace {
// The verified bytes in an anonymous file sealed against any change, opened
// by the loader through /proc/self/fd. -1 with `error` on failure.
int sealed_memfd(const std::string& bytes, std::string& error) {
  int fd = memfd_create("fides-pack", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) {
    error = std::string("memfd_create: ") + std::strerror(errno);
    return -1;
  }
  if (!trust::write_all(fd, bytes) || fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
    error = std::string("cannot copy it into memory: ") + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  return fd;
}
}  // namespace

bool PackLibrary::open(const std::string& path, const std::vector<trust::PublicKey>& trusted, std::string& error) {
  trust::VerifiedPack verified;
  if (!trust::read_verified_pack(path, trusted, verified, error)) return false;
  int fd = sealed_memfd(verified.bytes, error);
  if (fd < 0) {
    error = "cannot load pack " + path + ": " + error;
    return false;
  }
  std::string proc_path = "/proc/self/fd/" + std::to_string(fd);
  handle_ = dlopen(proc_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  // The loader knows an object by its name: were the fd closed, the next pack
  // opened (fides diff loads two) would get the same /proc/self/fd/N and
  // dlopen would hand back this one. It stays open while the pack is loaded.
  fd_ = fd;
  if (!handle_) {
    const char* why = dlerror();
    error = "cannot load pack " + path + ": " + (why ? why : "unknown error");
    return false;
  }
  void* sym = dlsym(handle_, FIDES_PACK_ENTRY);
  if (!sym) {
    error = "cannot load pack " + path + ": it has no " FIDES_PACK_ENTRY " entry; is it a Fides pack?";
    return false;
  }
  auto entry = reinterpret_cast<fides_pack_entry_fn>(sym);
  pack_ = entry();
  if (!pack_) {
    error = "cannot load pack " + path + ": its entry returned no descriptor";
    return false;
  }
  if (!verify_pack(*pack_, error)) {
    error = "refusing pack " + path + ": " + error;
    pack_ = nullptr;
    return false;
  }
  origin_ = verified.origin;
  return true;
}

}  // namespace fides::host
