#include "driver/keygen_command.h"

#include <fmt/format.h>

#include <string>

#include "trust/keys.h"

namespace fides::driver {

int run_keygen(const std::vector<std::string_view>& args) {
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
    fmt::print(stderr, "usage: fides keygen NAME   (writes NAME.key, secret, and NAME.pub)\n");
    return 2;
  }
  std::string name(args[0]), error;
  if (!trust::generate_key_pair(name, error)) {
    fmt::print(stderr, "fides keygen: {}\n", error);
    return 1;
  }
  fmt::print(stderr, "wrote {0}.key (secret: keep it private) and {0}.pub (give it to those who run the packs)\n",
             name);
  return 0;
}

}  // namespace fides::driver
