#include "host/options.h"

#include <charconv>
#include <cstdint>
#include <string_view>

#include "host/command_line.h"

namespace fides::host {

bool parse_size(std::string_view text, uint64_t& out) {
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || n == 0) return false;
  std::string unit;
  for (const char* c = p; c != text.data() + text.size(); ++c) unit += char(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
  if (unit.size() > 1 && unit.back() == 'B') unit.pop_back();
  if (unit.size() > 1 && unit.back() == 'I') unit.pop_back();
  int shift = unit.empty() ? 0 : unit == "K" ? 10 : unit == "M" ? 20 : unit == "G" ? 30 : unit == "T" ? 40 : -1;
  if (shift < 0 || n > (UINT64_MAX >> shift)) return false;
  out = n << shift;
  return true;
}

const char* score_usage() {
  return "usage: fides-score PACK.so --data DIR --out DIR [options]\n"
         "  --data DIR            folder holding <Record>.csv for every record type\n"
         "  --out DIR             folder for findings.csv, scores.csv, errors.csv, rejects.csv, run.json\n"
         "  --param NAME=VALUE    override a parameter (literal syntax of its type)\n"
         "  --table NAME=FILE     replace an embedded table with a CSV file of the same shape\n"
         "  --input RECORD=FILE   read RECORD from FILE instead of DIR/RECORD.csv\n"
         "  --threads N           worker threads (default: every core)\n"
         "  --encoding auto|utf-8|gbk  encoding of the input files (default auto: UTF-8\n"
         "                        when a file is valid UTF-8, else GBK when valid GBK)\n"
         "  --output-encoding utf-8|utf-8-bom|gbk  encoding of the CSV outputs (default utf-8)\n"
         "  --progress            live progress on stderr even when it is not a terminal\n"
         "  --quiet               no progress, no summary\n"
         "  --trust KEY.pub       run the pack only if PACK.so.sig is its signature by this key\n"
         "                        (repeatable: any one of the keys)\n"
         "  --max-field-bytes SIZE  a longer input cell rejects its row as 'field too long'\n"
         "                        (default 1M; SIZE is bytes or 64K, 2M, 1G)\n"
         "  --max-memory SIZE     stop with an error when loading the inputs would hold more\n"
         "                        (default 80% of physical memory)\n"
         "  --mask KEYFILE        print keyed pseudonyms instead of the values of personal fields\n"
         "                        (KEYFILE: 32 to 4096 secret bytes, e.g. head -c 32 /dev/urandom)\n";
}

bool parse_score_command(int argc, const char* const* argv, ScoreCommand& out, std::string& error,
                         bool out_required) {
  bool have_data = false, have_out = false;
  CommandLine line(argc, argv);
  for (;;) {
    const CommandLine::Next next = line.next(out.pack_path, error);
    if (next == CommandLine::Next::end) break;
    if (next == CommandLine::Next::error) return false;
    if (next == CommandLine::Next::help) {
      out.help = true;
      return true;
    }
    const std::string& name = line.name();
    if (name == "--quiet") {
      out.options.progress = false;
      continue;
    }
    if (name == "--progress") {
      out.options.live_progress = true;
      continue;
    }
    static const char* const kWithValue[] = {"--data",    "--out",      "--param",          "--table",
                                             "--input",   "--threads",  "--encoding",       "--output-encoding",
                                             "--trust",   "--max-field-bytes", "--max-memory",
                                             "--mask"};
    bool known = false;
    for (const char* k : kWithValue) known |= name == k;
    if (!known) {
      error = "unknown option '" + name + "'";
      return false;
    }
    if (!line.take_value(error)) return false;
    const std::string& value = line.value();
    std::string key, val;
    if (name == "--data") {
      out.options.load.data_dir = value;
      have_data = true;
    } else if (name == "--out") {
      out.options.out_dir = value;
      have_out = true;
    } else if (name == "--trust") {
      out.trust_keys.push_back(value);
    } else if (name == "--mask") {
      // An empty name must not quietly turn masking off.
      if (value.empty() || !out.options.mask_key_file.empty()) {
        error = value.empty() ? "--mask needs a key file" : "--mask is given twice; a run masks with one key";
        return false;
      }
      out.options.mask_key_file = value;
    } else if (name == "--param") {
      if (!line.pair("NAME=VALUE", key, val, error)) return false;
      out.options.load.params.emplace_back(key, val);
    } else if (name == "--table") {
      if (!line.pair("NAME=FILE", key, val, error)) return false;
      out.options.load.table_files[key] = val;
    } else if (name == "--input") {
      if (!line.pair("RECORD=FILE", key, val, error)) return false;
      out.options.load.input_files[key] = val;
    } else if (name == "--threads") {
      unsigned n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size() || n == 0 || n > 1024) {
        error = "--threads " + value + ": expected a number of threads from 1 to 1024";
        return false;
      }
      out.options.threads = n;
    } else if (name == "--encoding") {
      if (!data::parse_encoding(value, out.options.load.encoding)) {
        error = "--encoding " + value + ": expected auto, utf-8 or gbk";
        return false;
      }
    } else if (name == "--max-field-bytes" || name == "--max-memory") {
      uint64_t& size = name == "--max-memory" ? out.options.load.max_memory : out.options.load.max_field_bytes;
      // A cell's length is counted in 32 bits elsewhere (fides_str, columns).
      uint64_t most = name == "--max-memory" ? UINT64_MAX : uint64_t{1} << 31;
      if (!parse_size(value, size) || size > most) {
        error = name + " " + value + ": expected a size in bytes, such as 1048576, 64K, 2M or 1G" +
                (name == "--max-memory" ? "" : ", at most 2G");
        return false;
      }
    } else if (name == "--output-encoding") {
      if (!parse_output_encoding(value, out.options.output_encoding)) {
        error = "--output-encoding " + value + ": expected utf-8, utf-8-bom or gbk";
        return false;
      }
    }
  }
  if (out.pack_path.empty()) error = "no pack given";
  else if (!have_data) error = "--data DIR is required";
  else if (!have_out && out_required) error = "--out DIR is required";
  return error.empty();
}

}  // namespace fides::host
