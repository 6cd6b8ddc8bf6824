// fides-score's encodings (spec §9.7): GBK and UTF-8 with BOM outputs, a value
// GBK cannot hold, inputs of both encodings in one folder read with `auto`,
// and the hint when a header was read in the wrong encoding.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "test_support.h"

using namespace fides::test;

namespace {
// The basic dataset without its row holding a byte that is neither UTF-8 nor
// GBK, so that every file converts to GBK; `gbk` names the files written in GBK.
std::string clean_dataset(const std::string& name, const std::vector<std::string>& gbk = {}) {
  std::string dir = fresh_dir(name);
  for (const char* f : {"Institution.csv", "Person.csv", "Settlement.csv"}) {
    std::string text = read_file(kBasic + "/" + f);
    size_t bad = text.find("S18,");
    if (bad != std::string::npos) text.erase(bad, text.find('\n', bad) + 1 - bad);
    bool as_gbk = std::find(gbk.begin(), gbk.end(), f) != gbk.end();
    write_file(dir + "/" + f, as_gbk ? to_gbk(text) : text);
  }
  return dir;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}
}  // namespace

TEST_CASE("--output-encoding gbk writes the same CSV text in GBK; run.json stays UTF-8") {
  std::string utf8 = fresh_dir("out_utf8"), gbk = fresh_dir("out_gbk");
  REQUIRE(score(kBasic, utf8).status == 0);
  CommandResult r = score(kBasic, gbk, {"--output-encoding", "gbk"});
  REQUIRE(r.status == 0);
  for (const char* f : {"findings.csv", "scores.csv", "errors.csv"}) {
    std::string written = read_file(gbk + "/" + f);
    CHECK_MESSAGE(written != read_file(utf8 + "/" + f), f);  // Chinese text is not stored as UTF-8
    CHECK_MESSAGE(from_gbk(written) == read_file(utf8 + "/" + f), f);
  }
  // A rejected row's text echoes ill-formed input as U+FFFD, which GBK lacks:
  // there, and only there, it is escaped rather than fatal.
  std::string rejects = read_file(utf8 + "/rejects.csv");
  REQUIRE(contains(rejects, "\xEF\xBF\xBD"));
  replace_all(rejects, "\xEF\xBF\xBD", "\\u{FFFD}");
  CHECK(from_gbk(read_file(gbk + "/rejects.csv")) == rejects);
  CHECK(contains(read_file(gbk + "/run.json"), "\"record\": \"Person\""));
  // run.json says which encoding the CSVs are in (fides report reads them back), and is otherwise the same.
  std::string gbk_run = without_timings(read_file(gbk + "/run.json"));
  CHECK(contains(gbk_run, "\"output_encoding\": \"gbk\""));
  replace_all(gbk_run, "\"output_encoding\": \"gbk\"", "\"output_encoding\": \"utf-8\"");
  CHECK(gbk_run == without_timings(read_file(utf8 + "/run.json")));
}

TEST_CASE("--output-encoding utf-8-bom starts each CSV output with a byte-order mark") {
  std::string plain = fresh_dir("out_plain"), bom = fresh_dir("out_bom");
  REQUIRE(score(kBasic, plain).status == 0);
  REQUIRE(score(kBasic, bom, {"--output-encoding=utf-8-bom"}).status == 0);
  for (const char* f : kCsvOutputs) CHECK_MESSAGE(read_file(bom + "/" + f) == "\xEF\xBB\xBF" + read_file(plain + "/" + f), f);
  CHECK(read_file(bom + "/run.json").substr(0, 1) == "{");
}

TEST_CASE("a value GBK cannot encode stops the run before any output is written, naming file and value") {
  std::string data = clean_dataset("gbk_unencodable");
  for (const char* f : {"Person.csv", "Settlement.csv"}) {
    std::string text = read_file(data + "/" + f);
    replace_all(text, "P6,", "P6\xF0\x9F\x98\x80,");  // U+1F600, not in GBK
    write_file(data + "/" + f, text);
  }
  std::string out = data + "_out";
  CommandResult r = score(data, out, {"--output-encoding", "gbk"});
  CHECK(r.status == 1);
  CHECK(contains(r.err, out + "/findings.csv: the value \"P6\xF0\x9F\x98\x80\" has a character GBK cannot encode "
                        "(U+1F600); write the outputs with --output-encoding utf-8 or utf-8-bom"));
  for (const char* f : kCsvOutputs) CHECK_FALSE_MESSAGE(std::filesystem::exists(out + "/" + f), f);
  CHECK(contains(read_file(out + "/run.json"), "\"finished\": false"));
  CHECK(score(data, data + "_out_utf8", {"--output-encoding", "utf-8"}).status == 0);
}

TEST_CASE("in rejects.csv, which echoes rejected input, a character GBK lacks is escaped instead") {
  std::string data = clean_dataset("gbk_rejects_escape");
  std::string settlements = read_file(data + "/Settlement.csv");
  settlements.insert(settlements.find('\n') + 1, "S30,P1,H1,2024-03-01,\xF0\x9F\x98\x80,false,\n");
  write_file(data + "/Settlement.csv", settlements);
  REQUIRE(score(data, data + "_out", {"--output-encoding", "gbk"}).status == 0);
  std::string rejects = from_gbk(read_file(data + "_out/rejects.csv"));
  CHECK(contains(rejects, "bad number in 总费用: \"\"\\u{1F600}\"\"\",\"S30,P1,H1,2024-03-01,\\u{1F600},false,\""));
}

TEST_CASE("--encoding auto reads a UTF-8 file and a GBK file of one folder, and run.json says which was which") {
  std::string utf8 = clean_dataset("auto_utf8");
  std::string mixed = clean_dataset("auto_mixed", {"Person.csv", "Settlement.csv"});
  REQUIRE(score(utf8, utf8 + "_out").status == 0);
  CommandResult r = score(mixed, mixed + "_out");  // auto is the default
  REQUIRE(r.status == 0);
  for (const char* f : kCsvOutputs)
    CHECK_MESSAGE(read_file(mixed + "_out/" + f) == read_file(utf8 + "_out/" + f), f);
  std::string run = read_file(mixed + "_out/run.json");
  CHECK(contains(run, "\"encoding\": \"auto\""));
  CHECK(contains(run, "{\"record\": \"Institution\", \"file\": \"Institution.csv\", \"encoding\": \"utf-8\""));
  CHECK(contains(run, "{\"record\": \"Person\", \"file\": \"Person.csv\", \"encoding\": \"gbk\""));
  CHECK(contains(run, "{\"record\": \"Settlement\", \"file\": \"Settlement.csv\", \"encoding\": \"gbk\""));
  // A byte valid in neither encoding: the file is read as UTF-8 and only that row is rejected.
  std::string basic_run = fresh_dir("auto_basic");
  REQUIRE(score(kBasic, basic_run).status == 0);
  CHECK(contains(read_file(basic_run + "/run.json"), "\"file\": \"Settlement.csv\", \"encoding\": \"utf-8\""));
  CHECK(contains(read_file(basic_run + "/rejects.csv"), "Settlement.csv,20,22,invalid UTF-8,"));
}

TEST_CASE("a header read in the wrong encoding gets an error that names the right one") {
  std::string gbk = clean_dataset("hint_gbk", {"Person.csv"});
  CommandResult as_utf8 = score(gbk, gbk + "_out", {"--encoding", "utf-8"});
  CHECK(as_utf8.status == 1);
  CHECK(contains(as_utf8.err, "header of Person.csv does not match; it would match when read as GBK (--encoding gbk)"));

  std::string utf8 = clean_dataset("hint_utf8");
  CommandResult as_gbk = score(utf8, utf8 + "_out", {"--encoding", "gbk"});
  CHECK(as_gbk.status == 1);
  CHECK(contains(as_gbk.err,
                 "header of Institution.csv does not match; it would match when read as UTF-8 (--encoding utf-8)"));
  CHECK(contains(read_file(utf8 + "_out/run.json"), "\"finished\": false"));
}
