// The shape fides-score's and fides-serve's command lines share: PACK.so (an
// argument that does not start with "--"), -h or --help, and options written
// --name VALUE or --name=VALUE; each command decides which names it knows and
// which of them take a value.
#pragma once

#include <string>

namespace fides::host {

class CommandLine {
 public:
  CommandLine(int argc, const char* const* argv) : argc_(argc), argv_(argv) {}

  enum class Next { end, help, option, error };
  // Reads on to the next option, taking the pack argument on the way into
  // `pack_path` (a second one is an error). At an option, name() is its name
  // and value() what follows '=' when it was written so.
  Next next(std::string& pack_path, std::string& error);

  const std::string& name() const { return name_; }
  const std::string& value() const { return value_; }

  // The option's value: after '=', else the next argument. False (error set)
  // when there is none.
  bool take_value(std::string& error);

  // The value as NAME=VALUE (`what` says which, "NAME=FILE"). False (error
  // set) when it has no '=' or nothing before it.
  bool pair(const char* what, std::string& key, std::string& val, std::string& error) const;

 private:
  int argc_;
  const char* const* argv_;
  int at_ = 0;  // the argument last read; argv[0] is the program
  std::string name_, value_;
  bool has_value_ = false;
};

}  // namespace fides::host
