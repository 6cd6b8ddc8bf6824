#include "host/command_line.h"

#include <string_view>

namespace fides::host {

CommandLine::Next CommandLine::next(std::string& pack_path, std::string& error) {
  while (++at_ < argc_) {
    const std::string_view arg = argv_[at_];
    if (arg == "-h" || arg == "--help") return Next::help;
    if (arg.size() < 2 || arg.substr(0, 2) != "--") {
      if (!pack_path.empty()) {
        error = "unexpected argument '" + std::string(arg) + "'; the pack is already " + pack_path;
        return Next::error;
      }
      pack_path = arg;
      continue;
    }
    const size_t eq = arg.find('=');
    has_value_ = eq != std::string_view::npos;
    name_ = arg.substr(0, eq);
    value_ = has_value_ ? arg.substr(eq + 1) : std::string_view();
    return Next::option;
  }
  return Next::end;
}

bool CommandLine::take_value(std::string& error) {
  if (has_value_) return true;
  if (at_ + 1 >= argc_) {
    error = "option " + name_ + " needs a value";
    return false;
  }
  value_ = argv_[++at_];
  has_value_ = true;
  return true;
}

bool CommandLine::pair(const char* what, std::string& key, std::string& val, std::string& error) const {
  const size_t eq = value_.find('=');
  if (eq == std::string::npos || eq == 0) {
    error = name_ + " " + value_ + ": expected " + what;
    return false;
  }
  key = value_.substr(0, eq);
  val = value_.substr(eq + 1);
  return true;
}

}  // namespace fides::host
