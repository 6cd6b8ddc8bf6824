// The options every command that compiles a pack takes: where the standard
// library is, which other folders imports and tables may come from, and the
// language diagnostics are printed in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diag/lang.h"

namespace fides::driver {

// The standard library this compiler was built with.
std::string default_stdlib_dir();

struct CompileOptions {
  std::string stdlib_dir = default_stdlib_dir();
  std::vector<std::string> allowed_dirs;  // --allow-path, repeatable
  Lang lang = lang_from_environment();    // --lang zh|en
};

// When args[i] is `--stdlib DIR`, `--allow-path DIR` or `--lang zh|en` (also
// `--lang=zh`), takes it and its value (advancing i) and returns true; `error`
// is then set if the value is bad (an --allow-path that is not a folder, an
// unknown language), which is a usage error.
bool take_compile_option(const std::vector<std::string_view>& args, size_t& i, CompileOptions& options,
                         std::string& error);

// `--lang zh|en` or `--lang=zh|en` at args[i], as take_compile_option reads it,
// for commands that compile nothing (`explain`).
bool take_lang_option(const std::vector<std::string_view>& args, size_t& i, Lang& lang, std::string& error);

inline constexpr std::string_view kCompileOptionsUsage = "[--stdlib DIR] [--allow-path DIR]… [--lang zh|en]";

}  // namespace fides::driver
