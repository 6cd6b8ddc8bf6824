// The host's input limits (spec §9.8, §9.11), end to end: a 100 MB field is
// rejected in bounded memory and time; pipes, FIFOs and /dev/stdin are read
// as streams; a device is refused at once; --max-memory ends a run with a
// message naming the input and leaves no run.json that says finished.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "test_support.h"

using namespace fides::test;

namespace {
const std::string kBase = std::string(HOST_TEST_DIR) + "/broken/_base";

std::string base_data(const std::string& name) {
  std::string dir = fresh_dir(name);
  for (const char* f : {"Institution.csv", "Person.csv", "Settlement.csv"})
    std::filesystem::copy_file(kBase + "/" + f, dir + "/" + f);
  return dir;
}

// fides-score through /bin/sh, for pipes; `tail` follows the command line.
CommandResult score_in_shell(const std::string& data, const std::string& out, const std::string& before,
                             const std::string& tail) {
  return run_command({"/bin/sh", "-c",
                      before + "timeout 60 " + FIDES_SCORE + " " + FIXTURE_PACK + " --data " + data + " --out " + out +
                          " " + tail});
}

const std::string kSettlements = read_file(kBase + "/Settlement.csv");

// What a run over the small base data peaks at: the host's own footprint,
// which a sanitizer build makes several times larger. Memory bounds are
// checked on top of it.
long baseline_rss_kb() {
  static const long kb = [] {
    std::string data = base_data("limit_baseline");
    return score(data, data + "_out").peak_rss_kb;
  }();
  return kb;
}
constexpr long kBoundedExtraKb = 64 * 1024;  // below the 100 MB a held field or stream would take, even sanitized
}  // namespace

TEST_CASE("a 100 MB field is rejected as too long in bounded memory and time; the rows after it load") {
  std::string data = base_data("limit_huge_field"), out = data + "_out";
  {
    std::ofstream f(data + "/Settlement.csv", std::ios::binary);
    f << "结算ID,人员编号,定点机构编码,入院日期,总费用,急诊,风险等级\n"
      << "S1,P1,H1,2024-03-01,120.50,false,low\n"
      << "S2,P2,H2,2024-03-02,80,false,";
    std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) f << chunk;
    f << "\nS3,P3,H3,2024-03-03,45,true,high\n";
  }
  auto started = std::chrono::steady_clock::now();
  CommandResult r = score(data, out);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(r.status == 0);
  std::string rejects = read_file(out + "/rejects.csv");
  CHECK(contains(rejects, "Settlement.csv,3,30,field too long in 风险等级: more than 1048576 bytes,"));
  CHECK(rejects.size() < 10000);  // the row's text is shown cut, not whole
  CHECK(contains(read_file(out + "/run.json"), "\"rows\": 3, \"loaded\": 2, \"rejected\": 1"));
  MESSAGE("100 MB field: peak RSS " << r.peak_rss_kb / 1024 << " MiB (baseline " << baseline_rss_kb() / 1024
                                     << " MiB), " << seconds << " s");
  CHECK(r.peak_rss_kb - baseline_rss_kb() < kBoundedExtraKb);
  CHECK(seconds < 60);
}

TEST_CASE("--max-field-bytes sets the limit") {
  std::string data = base_data("limit_field_flag"), out = data + "_out";
  CommandResult r = score(data, out, {"--max-field-bytes", "4"});
  CHECK(r.status == 0);
  std::string rejects = read_file(out + "/rejects.csv");
  CHECK(contains(rejects, "Institution.csv,2,1,field too long in 机构名称: more than 4 bytes,"));
  CHECK(contains(read_file(out + "/run.json"), "\"rows\": 3, \"loaded\": 0, \"rejected\": 3"));
}

TEST_CASE("pipes, FIFOs and /dev/stdin are read as streams") {
  std::string data = base_data("limit_streams");
  std::string settlements = data + "/Settlement.csv";
  CommandResult piped = score_in_shell(data, data + "_out", "cat " + settlements + " | ",
                                       "--input Settlement=/dev/stdin");
  CHECK(piped.status == 0);
  std::string run = read_file(data + "_out/run.json");
  CHECK(contains(run, "\"file\": \"/dev/stdin\""));
  CHECK(contains(run, "\"rows\": 3, \"loaded\": 3, \"rejected\": 0"));
  // Its sha256 is that of the bytes that came through the pipe.
  std::string fifo = data + "/settlements.fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  std::string fifo_out = fresh_dir("limit_fifo_out");
  CommandResult fed = score_in_shell(data, fifo_out, "cat " + settlements + " > " + fifo + " & ",
                                     "--input Settlement=" + fifo);
  CHECK(fed.status == 0);
  CHECK(contains(read_file(fifo_out + "/run.json"), "\"rows\": 3, \"loaded\": 3, \"rejected\": 0"));
  std::string digest = run.substr(run.find("\"file\": \"/dev/stdin\""), 200);
  CHECK(contains(read_file(fifo_out + "/run.json"), digest.substr(digest.find("\"sha256\""), 76)));
}

TEST_CASE("a device is refused at once; an endless stream is read in bounded memory") {
  std::string data = base_data("limit_device"), out = data + "_out";
  auto started = std::chrono::steady_clock::now();
  CommandResult zero = score(data, out, {"--input", "Settlement=/dev/zero"});
  CHECK(zero.status == 1);
  CHECK(contains(zero.err, "cannot read /dev/zero: it is a device, not a file or a pipe"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
  CHECK_FALSE(contains(read_file(out + "/run.json"), "\"finished\": true"));
  CommandResult table = score(data, out, {"--table", "blocked=/dev/zero"});
  CHECK(table.status == 1);
  CHECK(contains(table.err, "cannot read /dev/zero: it is a device, not a file or a pipe"));
  // 100 MB of NUL bytes after the header, through a pipe: one line, one reject.
  std::string header = data + "/header.csv";
  write_file(header, kSettlements.substr(0, kSettlements.find('\n') + 1));
  CommandResult zeros = score_in_shell(data, out, "(cat " + header + "; head -c 100000000 /dev/zero) | ",
                                       "--input Settlement=/dev/stdin");
  CHECK(zeros.status == 0);
  CHECK(contains(read_file(out + "/rejects.csv"), "/dev/stdin,2,1,NUL byte,"));
  MESSAGE("100 MB of NUL bytes through a pipe: peak RSS " << zeros.peak_rss_kb / 1024 << " MiB (baseline "
                                                          << baseline_rss_kb() / 1024 << " MiB)");
  CHECK(zeros.peak_rss_kb - baseline_rss_kb() < kBoundedExtraKb);
}

TEST_CASE("--max-memory ends the run with exit 1, naming the input, and no run.json says finished") {
  std::string data = fresh_dir("limit_memory"), out = data + "_out";
  write_large_dataset(data);
  REQUIRE(score(data, out).status == 0);
  REQUIRE(contains(read_file(out + "/run.json"), "\"finished\": true"));
  CommandResult r = score(data, out, {"--max-memory", "4M"});
  CHECK(r.status == 1);
  CHECK(contains(r.err, "fides-score: error: out of memory while reading Settlement.csv (line "));
  CHECK(contains(r.err, "the loader would need more than --max-memory 4 MiB; raise --max-memory or split the file"));
  std::string run = read_file(out + "/run.json");
  CHECK(contains(run, "\"finished\": false"));
  CHECK_FALSE(contains(run, "\"finished\": true"));
  CHECK(score(data, fresh_dir("limit_memory_enough"), {"--max-memory", "64M"}).status == 0);
}
