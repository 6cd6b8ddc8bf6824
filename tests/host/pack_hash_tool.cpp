// Build-time helper for the fixture pack: loads a pack without verifying it
// and writes a header defining FIXTURE_HASH as its content hash, so the
// fixture is stamped exactly as `fides build` stamps a real pack.
#include <dlfcn.h>

#include <cstdio>

#include "fides/pack_abi.h"
#include "hash/pack_hash.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: pack_hash_tool PACK.so OUT.h\n");
    return 2;
  }
  void* h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    std::fprintf(stderr, "pack_hash_tool: %s\n", dlerror());
    return 1;
  }
  auto entry = reinterpret_cast<fides_pack_entry_fn>(dlsym(h, FIDES_PACK_ENTRY));
  if (!entry) {
    std::fprintf(stderr, "pack_hash_tool: no %s in %s\n", FIDES_PACK_ENTRY, argv[1]);
    return 1;
  }
  std::string hash = fides::hash::pack_content_hash(*entry());
  FILE* out = std::fopen(argv[2], "w");
  if (!out || std::fprintf(out, "#define FIXTURE_HASH \"%s\"\n", hash.c_str()) < 0 || std::fclose(out) != 0) {
    std::fprintf(stderr, "pack_hash_tool: cannot write %s\n", argv[2]);
    return 1;
  }
  return 0;
}
