#include "driver/fmt_command.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "driver/compile_options.h"
#include "format/format_source.h"
#include "support/file_access.h"
#include "trust/file_io.h"

namespace fides::driver {
namespace {

constexpr std::string_view kFmtUsage = "usage: fides fmt [--check] [--lang zh|en] FILE…\n";

enum class Result { unchanged, changed, failed };

Result format_file(const std::string& path, bool check, Lang lang) {
  // Written through symlinks: the file they name gets the new text, the link stays.
  std::error_code ec;
  std::string target = std::filesystem::canonical(path, ec).string();
  if (ec) {
    fmt::print(stderr, "fides fmt: cannot read {}: {}\n", path, ec.message());
    return Result::failed;
  }
  std::string text, error;
  if (!trust::read_whole_file(target, kMaxSourceBytes, text, error)) {
    fmt::print(stderr, "fides fmt: {}\n", error);
    return Result::failed;
  }
  format::FormatOutcome outcome = format::format_source(path, text, lang);
  if (!outcome.text) {
    fmt::print(stderr, "{}{}: not formatted, left as it is\n", outcome.errors, path);
    return Result::failed;
  }
  if (*outcome.text == text) return Result::unchanged;
  if (check) {
    fmt::print("would reformat {}\n", path);
    return Result::changed;
  }
  struct stat st;
  mode_t mode = ::stat(target.c_str(), &st) == 0 ? st.st_mode & 07777 : 0644;
  if (!trust::write_file_atomically(target, *outcome.text, mode, false, error)) {
    fmt::print(stderr, "fides fmt: {}\n", error);
    return Result::failed;
  }
  fmt::print("formatted {}\n", path);
  return Result::changed;
}

}  // namespace

int run_fmt(const std::vector<std::string_view>& args) {
  bool check = false;
  Lang lang = lang_from_environment();
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    std::string error;
    if (take_lang_option(args, i, lang, error)) {
      if (!error.empty()) {
        fmt::print(stderr, "fides fmt: {}\n{}", error, kFmtUsage);
        return 2;
      }
    } else if (a == "--check") {
      check = true;
    } else if (!a.empty() && a[0] == '-') {
      fmt::print(stderr, "fides fmt: unknown option '{}'\n{}", a, kFmtUsage);
      return 2;
    } else {
      files.emplace_back(a);
    }
  }
  if (files.empty()) {
    fmt::print(stderr, "fides fmt: name at least one .fides file\n{}", kFmtUsage);
    return 2;
  }
  bool failed = false, would_change = false;
  for (const std::string& file : files) {
    Result r = format_file(file, check, lang);
    failed = failed || r == Result::failed;
    would_change = would_change || (check && r == Result::changed);
  }
  return failed || would_change ? 1 : 0;
}

}  // namespace fides::driver
