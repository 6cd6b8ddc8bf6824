#include "host/pack_library.h"

#include <dlfcn.h>

#include "data/descriptor_check.h"
#include "hash/pack_hash.h"

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
}

bool PackLibrary::open(const std::string& path, std::string& error) {
  std::string where = path.find('/') == std::string::npos ? "./" + path : path;
  handle_ = dlopen(where.c_str(), RTLD_NOW | RTLD_LOCAL);
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
  return true;
}

}  // namespace fides::host
