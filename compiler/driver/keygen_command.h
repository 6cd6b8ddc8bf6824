// `fides keygen NAME`: writes an Ed25519 key pair, NAME.key (secret, mode
// 0600, never over an existing file) and NAME.pub, for `fides build --sign`
// and `fides-score --trust` (runtime/trust/README.md).
#pragma once

#include <string_view>
#include <vector>

namespace fides::driver {

int run_keygen(const std::vector<std::string_view>& args);

}  // namespace fides::driver
