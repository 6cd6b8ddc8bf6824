#include <cstddef>
#include <cstdint>

#include "front_end_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fides::fuzz::check_front_end(data, size);
  return 0;
}
