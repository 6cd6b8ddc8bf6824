// The options every command that compiles a pack takes: where the standard
// library is, and which other folders imports and tables may come from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fides::driver {

// The standard library this compiler was built with.
std::string default_stdlib_dir();

struct CompileOptions {
  std::string stdlib_dir = default_stdlib_dir();
  std::vector<std::string> allowed_dirs;  // --allow-path, repeatable
};

// When args[i] is `--stdlib DIR` or `--allow-path DIR`, takes it and its value
// (advancing i) and returns true; `error` is then set if the value is bad
// (an --allow-path that is not a folder), which is a usage error.
bool take_compile_option(const std::vector<std::string_view>& args, size_t& i, CompileOptions& options,
                         std::string& error);

inline constexpr std::string_view kCompileOptionsUsage = "[--stdlib DIR] [--allow-path DIR]…";

}  // namespace fides::driver
