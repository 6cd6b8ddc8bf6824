// The libFuzzer entry of one target; FIDES_FUZZ_CHECK names its function
// (tests/fuzz/CMakeLists.txt builds one fuzzer per target in targets.h).
#include <cstdio>
#include <cstdlib>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string problem = fides::fuzz::FIDES_FUZZ_CHECK(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", problem.c_str());
    std::abort();  // libFuzzer keeps the input as a crash
  }
  return 0;
}
