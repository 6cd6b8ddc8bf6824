#include "driver/compile_options.h"

#include <filesystem>
#include <system_error>

namespace fides::driver {

std::string default_stdlib_dir() { return FIDES_STDLIB_DIR; }

bool take_lang_option(const std::vector<std::string_view>& args, size_t& i, Lang& lang, std::string& error) {
  std::string_view a = args[i], value;
  if (a.starts_with("--lang=")) {
    value = a.substr(7);
  } else if (a == "--lang" && i + 1 < args.size()) {
    value = args[++i];
  } else {
    return false;
  }
  if (std::optional<Lang> chosen = parse_lang(value)) lang = *chosen;
  else error = "--lang takes 'zh' or 'en', not '" + std::string(value) + "'";
  return true;
}

bool take_compile_option(const std::vector<std::string_view>& args, size_t& i, CompileOptions& options,
                         std::string& error) {
  if (take_lang_option(args, i, options.lang, error)) return true;
  std::string_view a = args[i];
  if ((a != "--stdlib" && a != "--allow-path") || i + 1 >= args.size()) return false;
  std::string value(args[++i]);
  if (a == "--stdlib") {
    options.stdlib_dir = value;
    return true;
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(value, ec)) {
    error = "--allow-path '" + value + "' is not a folder";
    return true;
  }
  options.allowed_dirs.push_back(value);
  return true;
}

}  // namespace fides::driver
