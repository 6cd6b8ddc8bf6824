// Replays, for every fuzz target, its seeds and every input a fuzzer ever
// failed on (tests/fuzz/seeds/<target>, tests/fuzz/regressions/<target>): each
// must now run cleanly, in every build and under the sanitizers.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "targets.h"

namespace {
namespace fs = std::filesystem;

// Replays every file under dir; returns how many there were.
size_t replay(const fides::fuzz::Target& target, const fs::path& dir) {
  if (!fs::is_directory(dir)) return 0;
  size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CAPTURE(entry.path().string());
    CHECK(target.check(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) == "");
    ++replayed;
  }
  return replayed;
}
}  // namespace

TEST_CASE("every target runs its seeds and its kept failure inputs cleanly") {
  for (const fides::fuzz::Target& target : fides::fuzz::kTargets) {
    CAPTURE(target.name);
    fs::path root = FIDES_FUZZ_DIR;
    size_t replayed = replay(target, root / "seeds" / target.name) + replay(target, root / "regressions" / target.name);
    CHECK(replayed >= 1);
  }
}
