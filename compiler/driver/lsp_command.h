#pragma once

#include <string_view>
#include <vector>

namespace fides::driver {

// `fides lsp [--stdlib DIR] [--allow-path DIR]… [--lang zh|en]`: the language
// server on stdin and stdout (compiler/lsp). Exit 0 after `shutdown` and
// `exit`, 1 when the input ends without them, 2 usage.
int run_lsp(const std::vector<std::string_view>& args);

}  // namespace fides::driver
