// Replays every input the fuzzer has crashed on; each must now pass quietly.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "front_end_input.h"

TEST_CASE("every kept fuzzer crash input runs cleanly") {
  namespace fs = std::filesystem;
  size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(FIDES_FUZZ_REGRESSIONS_DIR)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CAPTURE(entry.path().string());
    fides::fuzz::check_front_end(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++replayed;
  }
  CHECK(replayed >= 1);
}
