#include "serve/serve_options.h"

#include <charconv>
#include <string_view>

#include "host/command_line.h"
#include "host/options.h"

namespace fides::serve {
namespace {
bool parse_number(std::string_view text, unsigned long long low, unsigned long long high, unsigned long long& out) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size() && out >= low && out <= high;
}

// HOST:PORT, the port after the last colon ([::1]:8080 for IPv6).
bool parse_listen(const std::string& value, ServeCommand& out) {
  size_t colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  unsigned long long port = 0;
  if (!parse_number(std::string_view(value).substr(colon + 1), 0, 65535, port)) return false;
  out.host = value.substr(0, colon);
  if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']') out.host = out.host.substr(1, out.host.size() - 2);
  out.port = static_cast<int>(port);
  return true;
}
}  // namespace

const char* serve_usage() {
  return "usage: fides-serve PACK.so [--data DIR] [--listen HOST:PORT] [options]\n"
         "  --data DIR            the history: <Record>.csv for every record type, read as fides-score reads it\n"
         "                        (without it the history is empty)\n"
         "  --listen HOST:PORT    where to answer HTTP (default 127.0.0.1:8080; port 0: any free port)\n"
         "  --threads N           reviews evaluated at once (default: every core)\n"
         "  --param NAME=VALUE    override a parameter (literal syntax of its type)\n"
         "  --table NAME=FILE     replace an embedded table with a CSV file of the same shape\n"
         "  --trust KEY.pub       serve the pack only if PACK.so.sig is its signature by this key\n"
         "                        (repeatable: any one of the keys)\n"
         "  --max-body SIZE       largest request body; a larger one is answered 413 (default 8M)\n"
         "  --encoding auto|utf-8|gbk  encoding of the history's files (default auto)\n"
         "  --max-field-bytes SIZE  a longer history cell rejects its row (default 1M)\n"
         "  --max-memory SIZE     what loading the history may hold (default 80% of physical memory)\n";
}

bool parse_serve_command(int argc, const char* const* argv, ServeCommand& out, std::string& error) {
  host::CommandLine line(argc, argv);
  for (;;) {
    const host::CommandLine::Next next = line.next(out.pack_path, error);
    if (next == host::CommandLine::Next::end) break;
    if (next == host::CommandLine::Next::error) return false;
    if (next == host::CommandLine::Next::help) {
      out.help = true;
      return true;
    }
    if (!line.take_value(error)) return false;
    const std::string& name = line.name();
    const std::string& value = line.value();
    std::string key, val;
    unsigned long long number = 0;
    uint64_t size = 0;
    if (name == "--data") {
      out.load.data_dir = value;
      out.have_data = true;
    } else if (name == "--listen") {
      if (!parse_listen(value, out)) {
        error = "--listen " + value + ": expected HOST:PORT, such as 127.0.0.1:8080 or 0.0.0.0:0";
        return false;
      }
    } else if (name == "--threads") {
      if (!parse_number(value, 1, 1024, number)) {
        error = "--threads " + value + ": expected a number of threads from 1 to 1024";
        return false;
      }
      out.threads = static_cast<unsigned>(number);
    } else if (name == "--param") {
      if (!line.pair("NAME=VALUE", key, val, error)) return false;
      out.load.params.emplace_back(key, val);
    } else if (name == "--table") {
      if (!line.pair("NAME=FILE", key, val, error)) return false;
      out.load.table_files[key] = val;
    } else if (name == "--trust") {
      out.trust_keys.push_back(value);
    } else if (name == "--encoding") {
      if (!data::parse_encoding(value, out.load.encoding)) {
        error = "--encoding " + value + ": expected auto, utf-8 or gbk";
        return false;
      }
    } else if (name == "--max-body" || name == "--max-field-bytes" || name == "--max-memory") {
      // A body and a cell are counted in 32 bits elsewhere (offsets, fides_str).
      uint64_t most = name == "--max-memory" ? UINT64_MAX : uint64_t{1} << 31;
      if (!host::parse_size(value, size) || size > most) {
        error = name + " " + value + ": expected a size in bytes, such as 1048576, 64K, 2M or 1G" +
                (name == "--max-memory" ? "" : ", at most 2G");
        return false;
      }
      (name == "--max-body" ? out.max_body : name == "--max-memory" ? out.load.max_memory : out.load.max_field_bytes) = size;
    } else {
      error = "unknown option '" + name + "'";
      return false;
    }
  }
  if (out.pack_path.empty()) error = "no pack given";
  return error.empty();
}

}  // namespace fides::serve
