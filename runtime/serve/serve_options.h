// fides-serve's command line (spec §10):
//   fides-serve PACK.so [--data DIR] [--listen HOST:PORT] [--threads N]
//               [--param k=v]… [--table name=file]… [--trust KEY.pub]…
//               [--max-body SIZE] [--encoding auto|utf-8|gbk]
//               [--max-field-bytes SIZE] [--max-memory SIZE]
// Options take their value as the next argument or after `=`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/load_options.h"

namespace fides::serve {

struct ServeCommand {
  std::string pack_path;
  std::vector<std::string> trust_keys;
  data::LoadOptions load;
  bool have_data = false;
  std::string host = "127.0.0.1";
  int port = 8080;                     // 0: one the system chooses
  unsigned threads = 0;                // 0: every core
  uint64_t max_body = uint64_t{8} << 20;
  bool help = false;
};

// False with a message for a usage error (exit 2).
bool parse_serve_command(int argc, const char* const* argv, ServeCommand& out, std::string& error);

const char* serve_usage();

}  // namespace fides::serve
