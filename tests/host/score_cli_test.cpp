// fides-score end to end, as a separate process, on the hand-made fixture pack.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "fides/pack_abi.h"
#include "hash/sha256.h"
#include "test_support.h"

using namespace fides::test;

namespace {
const std::string kScore = FIDES_SCORE;
const std::string kPack = FIXTURE_PACK;
}  // namespace

TEST_CASE("fides-score on the fixture pack gives the golden outputs") {
  std::string out = fresh_dir("cli_basic");
  CommandResult r = score(kBasic, out, {"--threads", "2"});
  CHECK(r.status == 0);
  // stderr is a pipe here: no live progress, exactly one summary line at the end.
  CHECK(r.err == "fides-score: done: 32 rows read, 17 rejected; 8 findings, 6 scores, 2 subjects not evaluated\n");
  for (const char* file : kCsvOutputs) CHECK_MESSAGE(check_golden(std::string("basic/") + file, read_file(out + "/" + file)) == "", file);
  CHECK(check_golden("basic/run.json", without_timings(read_file(out + "/run.json"))) == "");
  CHECK(contains(read_file(out + "/run.json"), "\"pack_sha256\": \"" + fides::hash::sha256_hex(read_file(kPack)) + "\""));
}

TEST_CASE("outputs are byte-identical whatever --threads is") {
  std::string data = fresh_dir("large_data");
  write_large_dataset(data);
  std::string one = fresh_dir("large_1"), four = fresh_dir("large_4"), three = fresh_dir("large_3");
  REQUIRE(score(data, one, {"--threads", "1"}).status == 0);
  REQUIRE(score(data, four, {"--threads", "4"}).status == 0);
  REQUIRE(score(data, three, {"--threads=3"}).status == 0);
  CHECK(read_file(one + "/findings.csv").size() > 100000);
  for (const char* file : kCsvOutputs) {
    CHECK_MESSAGE(read_file(one + "/" + file) == read_file(four + "/" + file), file);
    CHECK_MESSAGE(read_file(one + "/" + file) == read_file(three + "/" + file), file);
  }
  CHECK(without_timings(read_file(one + "/run.json")) == without_timings(read_file(four + "/run.json")));
  CHECK(contains(read_file(four + "/run.json"), "\"threads\": 4"));
}

TEST_CASE("progress: one summary line when stderr is not a terminal, live lines with --progress, none with --quiet") {
  std::string data = fresh_dir("progress_data");
  write_large_dataset(data);
  auto lines = [](const std::string& s) { return std::count(s.begin(), s.end(), '\n'); };
  CommandResult redirected = score(data, fresh_dir("progress_default"));
  REQUIRE(redirected.status == 0);
  CHECK(lines(redirected.err) == 1);
  CHECK(redirected.err.rfind("fides-score: done: 35040 rows read, ", 0) == 0);
  CommandResult live = score(data, fresh_dir("progress_live"), {"--progress"});
  REQUIRE(live.status == 0);
  // Each stage ends with its own line (plain lines: this is not a terminal), and no summary line.
  CHECK(live.err.rfind("rules: ", 0) == 0);
  CHECK(contains(live.err, "\nrules using hits: "));
  CHECK(contains(live.err, "\nscorecards: "));
  CHECK(lines(live.err) >= 3);
  for (size_t at = 0, end; (end = live.err.find('\n', at)) != std::string::npos; at = end + 1) {
    std::string line = live.err.substr(at, end - at);
    bool shaped = line.find(" / ") != std::string::npos && line.size() > 5 && line.substr(line.size() - 5) == " rows";
    CHECK_MESSAGE(shaped, line);
  }
  CHECK_FALSE(contains(live.err, "\r"));
  CHECK_FALSE(contains(live.err, "done: "));
  CommandResult quiet = score(data, fresh_dir("progress_quiet"), {"--quiet"});
  REQUIRE(quiet.status == 0);
  CHECK(quiet.err == "");
}

TEST_CASE("a pack with an unknown ABI version is refused") {
  std::string out = fresh_dir("cli_abi99");
  CommandResult r = score(kBasic, out, {}, FIXTURE_PACK_ABI99);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "pack ABI version 99 is not supported; this host reads version " + std::to_string(FIDES_ABI_VERSION)));
}

TEST_CASE("a pack whose content no longer matches its hash is refused") {
  std::string out = fresh_dir("cli_tampered");
  CommandResult r = score(kBasic, out, {}, FIXTURE_PACK_TAMPERED);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "pack content hash does not match its descriptor"));
  CHECK_FALSE(std::filesystem::exists(out + "/findings.csv"));
}

TEST_CASE("what is not a pack is refused") {
  std::string out = fresh_dir("cli_not_pack");
  CommandResult missing = score(kBasic, out, {}, out + "/nope.so");
  CHECK(missing.status == 1);
  CHECK(contains(missing.err, "cannot load pack"));
  std::string libm = "/lib/x86_64-linux-gnu/libm.so.6";
  if (!std::filesystem::exists(libm)) libm = "/usr/lib64/libm.so.6";
  CommandResult other = score(kBasic, out, {}, libm);
  CHECK(other.status == 1);
  CHECK(contains(other.err, "has no fides_pack_v1 entry"));
}

TEST_CASE("usage errors exit 2 and leave the output folder alone") {
  std::string out = fresh_dir("cli_usage") + "_out";
  CHECK(run_command({kScore}).status == 2);
  CHECK(run_command({kScore, kPack, "--data", kBasic}).status == 2);
  CHECK(score(kBasic, out, {"--threads", "many"}).status == 2);
  CommandResult unknown = score(kBasic, out, {"--param", "nope=1"});
  CHECK(unknown.status == 2);
  CHECK(contains(unknown.err, "unknown parameter 'nope' in --param; the pack's parameters are: max_total, freq_limit, note"));
  CommandResult bad = score(kBasic, out, {"--param", "max_total=1.2.3"});
  CHECK(bad.status == 2);
  CHECK(contains(bad.err, "--param max_total=1.2.3: bad number; max_total is money (default 1000)"));
  CommandResult outside = score(kBasic, out, {"--param", "freq_limit=11"});
  CHECK(outside.status == 2);
  CHECK(contains(outside.err, "--param freq_limit=11: outside its range; freq_limit is int from 1 to 10 (default 3)"));
  CommandResult unparsed = score(kBasic, out, {"--param", "freq_limit=x"});
  CHECK(unparsed.status == 2);
  CHECK(contains(unparsed.err, "--param freq_limit=x: bad number; freq_limit is int from 1 to 10 (default 3)"));
  CommandResult twice = score(kBasic, out, {"--param", "freq_limit=2", "--param", "freq_limit=2"});
  CHECK(twice.status == 2);
  CHECK(contains(twice.err, "--param freq_limit is given twice ('2' and '2'); freq_limit is int from 1 to 10 (default 3)"));
  CommandResult table = score(kBasic, out, {"--table", "nope=x.csv"});
  CHECK(table.status == 2);
  CHECK(contains(table.err, "unknown table 'nope' in --table; the pack's tables are: blocked, price"));
  CHECK(score(kBasic, out, {"--input", "Nobody=x.csv"}).status == 2);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(run_command({kScore, "--help"}).status == 0);
}

TEST_CASE("a missing required column stops the run before scoring, naming file and column") {
  std::string data = fresh_dir("cli_missing_column");
  std::string out = data + "_out";
  std::filesystem::copy(kBasic + "/Institution.csv", data + "/Institution.csv");
  std::filesystem::copy(kBasic + "/Settlement.csv", data + "/Settlement.csv");
  write_file(data + "/Person.csv", "人员编号,出生日期,死亡日期\nP1,1955-03-01,\n");
  CommandResult r = score(data, out);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "Person.csv: missing column '性别' (field gender of record Person)"));
  std::string run = read_file(out + "/run.json");
  CHECK(contains(run, "\"finished\": false"));
  CHECK(contains(run, "missing column '性别'"));
  CHECK_FALSE(std::filesystem::exists(out + "/findings.csv"));
}

TEST_CASE("an unreadable input file stops the run") {
  std::string data = fresh_dir("cli_missing_file");
  std::filesystem::copy(kBasic + "/Institution.csv", data + "/Institution.csv");
  CommandResult r = score(data, data + "_out");
  CHECK(r.status == 1);
  CHECK(contains(r.err, "cannot read " + data + "/Person.csv: No such file or directory"));
}

TEST_CASE("--param and --table change what the rules see") {
  std::string out = fresh_dir("cli_overrides");
  CommandResult r = score(kBasic, out,
                          {"--param", "max_total=100", "--param", "freq_limit=4", "--table",
                           "blocked=" + std::string(HOST_TEST_DIR) + "/data/blocked_alt.csv"});
  REQUIRE(r.status == 0);
  std::string findings = read_file(out + "/findings.csv");
  CHECK(contains(findings, "结算 S3 总费用 500.00 超过上限 100.00"));
  CHECK(contains(findings, "机构 H2 在黑名单中"));
  CHECK_FALSE(contains(findings, "机构 H3 在黑名单中"));
  CHECK(contains(findings, "人员 P6 结算 4 次"));
  CHECK_FALSE(contains(findings, "人员 P1 结算 3 次"));  // found with the default limit, 3
  std::string run = read_file(out + "/run.json");
  CHECK(contains(run, "{\"name\": \"max_total\", \"value\": \"100\"}"));
  CHECK(contains(run, "data/blocked_alt.csv\", \"entries\": 1}"));
}

TEST_CASE("a malformed replacement table stops the run, naming file, line and column") {
  std::string dir = fresh_dir("cli_bad_table");
  write_file(dir + "/price.csv", "项目编码,最高限价\nA1,12\nB2,十二\n");
  CommandResult r = score(kBasic, dir + "_out", {"--table", "price=" + dir + "/price.csv"});
  CHECK(r.status == 1);
  CHECK(contains(r.err, "malformed table price: " + dir + "/price.csv:3:4: bad number in column '最高限价': \"十二\""));
}

TEST_CASE("GBK input scores like the same UTF-8 input") {
  std::string utf8 = fresh_dir("cli_utf8"), gbk = fresh_dir("cli_gbk");
  for (const char* f : {"Institution.csv", "Person.csv", "Settlement.csv"}) {
    std::string text = read_file(kBasic + "/" + f);
    size_t bad = text.find("S18,");  // the row with a byte that is neither UTF-8 nor GBK
    if (bad != std::string::npos) text.erase(bad, text.find('\n', bad) + 1 - bad);
    write_file(utf8 + "/" + f, text);
    write_file(gbk + "/" + f, to_gbk(text));
  }
  REQUIRE(score(utf8, utf8 + "_out").status == 0);
  REQUIRE(score(gbk, gbk + "_out", {"--encoding", "gbk"}).status == 0);
  CHECK(read_file(utf8 + "_out/findings.csv") == read_file(gbk + "_out/findings.csv"));
  CHECK(read_file(utf8 + "_out/scores.csv") == read_file(gbk + "_out/scores.csv"));
  CHECK(read_file(utf8 + "_out/rejects.csv") == read_file(gbk + "_out/rejects.csv"));
  CHECK(contains(read_file(gbk + "_out/run.json"), "\"encoding\": \"gbk\""));
}

TEST_CASE("a failed write is reported and the run is not marked finished") {
  // A full disk is tested on a small mounted file system (trust_output_test.cpp).
  std::string out = fresh_dir("cli_write_fails");
  std::filesystem::create_directory(out + "/scores.csv");
  CommandResult r = score(kBasic, out);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "cannot write " + out + "/scores.csv: it exists and is not a regular file"));
  CHECK(contains(read_file(out + "/run.json"), "\"finished\": false"));
  for (const auto& e : std::filesystem::directory_iterator(out))
    CHECK_MESSAGE(e.path().filename().string().find(".partial-") == std::string::npos, e.path());
}

TEST_CASE("fides-score does not link LLVM") {
  const std::string out = shared_libraries(kScore);
  CHECK(contains(out, "libc.so"));
  CHECK_FALSE(contains(out, "LLVM"));
  CHECK_FALSE(contains(out, "llvm"));
  CHECK_FALSE(contains(out, "clang"));
  CHECK_FALSE(contains(out, "lld"));
}
