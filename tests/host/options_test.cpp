#include <doctest/doctest.h>

#include "host/options.h"

using fides::host::parse_score_command;
using fides::host::ScoreCommand;

namespace {
bool parse(std::vector<const char*> args, ScoreCommand& c, std::string& error) {
  args.insert(args.begin(), "fides-score");
  return parse_score_command(static_cast<int>(args.size()), args.data(), c, error);
}
}  // namespace

TEST_CASE("every option, in both spellings") {
  ScoreCommand c;
  std::string error;
  REQUIRE(parse({"p.so", "--data", "in", "--out=out", "--param", "a=1", "--param=b=x=y", "--table", "t=f.csv",
                 "--input", "Person=people.csv", "--threads", "4", "--encoding=gbk", "--quiet",
                 "--output-encoding", "utf-8-bom", "--progress"},
                c, error));
  CHECK(c.pack_path == "p.so");
  CHECK(c.options.load.data_dir == "in");
  CHECK(c.options.out_dir == "out");
  REQUIRE(c.options.load.params.size() == 2);
  CHECK(c.options.load.params[1].first == "b");
  CHECK(c.options.load.params[1].second == "x=y");
  CHECK(c.options.load.table_files.at("t") == "f.csv");
  CHECK(c.options.load.input_files.at("Person") == "people.csv");
  CHECK(c.options.threads == 4);
  CHECK(c.options.load.encoding == fides::data::Encoding::Gbk);
  CHECK_FALSE(c.options.progress);
  CHECK(c.options.live_progress);
  CHECK(c.options.output_encoding == fides::host::OutputEncoding::Utf8Bom);
}

TEST_CASE("--max-field-bytes and --max-memory take sizes in bytes or with K, M, G, T") {
  struct Case {
    const char* text;
    uint64_t bytes;
  };
  for (Case c : {Case{"100", 100}, Case{"64K", 64 << 10}, Case{"2M", 2 << 20}, Case{"2mib", 2 << 20},
                 Case{"1G", uint64_t{1} << 30}, Case{"3KB", 3 << 10}}) {
    ScoreCommand cmd;
    std::string error;
    REQUIRE(parse({"p.so", "--data", "d", "--out", "o", "--max-field-bytes", c.text, "--max-memory", c.text}, cmd,
                  error));
    CHECK(cmd.options.load.max_field_bytes == c.bytes);
    CHECK(cmd.options.load.max_memory == c.bytes);
  }
  for (const char* bad : {"0", "x", "12Q", "-5", "4T", "99999999999999999999"}) {
    ScoreCommand cmd;
    std::string error;
    CHECK_FALSE(parse({"p.so", "--data", "d", "--out", "o", "--max-field-bytes", bad}, cmd, error));
    CHECK(error == std::string("--max-field-bytes ") + bad +
                       ": expected a size in bytes, such as 1048576, 64K, 2M or 1G, at most 2G");
  }
  ScoreCommand huge;
  std::string error;
  CHECK_FALSE(parse({"p.so", "--data", "d", "--out", "o", "--max-memory", "17179869184T"}, huge, error));
  CHECK(error == "--max-memory 17179869184T: expected a size in bytes, such as 1048576, 64K, 2M or 1G");
}

TEST_CASE("defaults: auto-detected input encoding, UTF-8 output, progress as stderr allows") {
  ScoreCommand c;
  std::string error;
  REQUIRE(parse({"p.so", "--data", "in", "--out", "out"}, c, error));
  CHECK(c.options.load.encoding == fides::data::Encoding::Auto);
  CHECK(c.options.output_encoding == fides::host::OutputEncoding::Utf8);
  CHECK(c.options.progress);
  CHECK_FALSE(c.options.live_progress);
  ScoreCommand given;
  REQUIRE(parse({"p.so", "--data", "in", "--out", "out", "--encoding", "utf-8", "--output-encoding=GBK"}, given,
                error));
  CHECK(given.options.load.encoding == fides::data::Encoding::Utf8);
  CHECK(given.options.output_encoding == fides::host::OutputEncoding::Gbk);
  CHECK(c.options.load.max_field_bytes == 1 << 20);
  CHECK(c.options.load.max_memory == 0);  // the loader's default: 80% of physical memory
}

TEST_CASE("usage errors say what is wrong") {
  auto error_of = [](std::vector<const char*> args) {
    ScoreCommand c;
    std::string error;
    CHECK_FALSE(parse(args, c, error));
    return error;
  };
  CHECK(error_of({}) == "no pack given");
  CHECK(error_of({"p.so", "--out", "o"}) == "--data DIR is required");
  CHECK(error_of({"p.so", "--data", "d"}) == "--out DIR is required");
  CHECK(error_of({"p.so", "--data", "d", "--out", "o", "--threads", "0"}) ==
        "--threads 0: expected a number of threads from 1 to 1024");
  CHECK(error_of({"p.so", "--data", "d", "--out", "o", "--threads", "x"}).find("--threads x") == 0);
  CHECK(error_of({"p.so", "--data", "d", "--out", "o", "--encoding", "latin1"}) ==
        "--encoding latin1: expected auto, utf-8 or gbk");
  CHECK(error_of({"p.so", "--data", "d", "--out", "o", "--output-encoding", "big5"}) ==
        "--output-encoding big5: expected utf-8, utf-8-bom or gbk");
  CHECK(error_of({"p.so", "--data", "d", "--out", "o", "--param", "x"}) == "--param x: expected NAME=VALUE");
  CHECK(error_of({"p.so", "--frobnicate"}) == "unknown option '--frobnicate'");
  CHECK(error_of({"p.so", "--data"}) == "option --data needs a value");
  CHECK(error_of({"p.so", "q.so"}) == "unexpected argument 'q.so'; the pack is already p.so");
  CHECK(error_of({"p.so", "--data", "d", "--out", "o", "--mask="}) == "--mask needs a key file");
  CHECK(error_of({"p.so", "--data", "d", "--out", "o", "--mask", "a.key", "--mask", "b.key"}) ==
        "--mask is given twice; a run masks with one key");
}

TEST_CASE("--mask names the key file; without it nothing is masked") {
  ScoreCommand c;
  std::string error;
  REQUIRE(parse({"p.so", "--data", "d", "--out", "o", "--mask", "bureau.key"}, c, error));
  CHECK(c.options.mask_key_file == "bureau.key");
  ScoreCommand plain;
  REQUIRE(parse({"p.so", "--data", "d", "--out", "o"}, plain, error));
  CHECK(plain.options.mask_key_file.empty());
}
