// One arbitrary input through the whole front end (parse and check), as the
// fuzzer and the regression replay both run it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fides::fuzz {

void check_front_end(const uint8_t* data, size_t size);

}  // namespace fides::fuzz
