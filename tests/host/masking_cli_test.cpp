// fides-score --mask on the fixture pack, whose Person.id (and so
// Settlement.person) is personal: the golden masked outputs, no clear person
// number anywhere, the same pseudonyms with the same key and others with
// another, and a key file that cannot serve is a usage error.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "test_support.h"

using namespace fides::test;

namespace {
const std::string kKey = std::string(HOST_TEST_DIR) + "/data/mask.key";
const char* const kOutputs[] = {"findings.csv", "scores.csv", "errors.csv", "rejects.csv", "run.json"};

// Every pseudonym in the files of `out`.
std::set<std::string> pseudonyms_in(const std::string& out) {
  std::set<std::string> found;
  std::regex pseudonym("~[0-9a-f]{16}");
  for (const char* file : kOutputs) {
    std::string text = read_file(out + "/" + file);
    for (std::sregex_iterator it(text.begin(), text.end(), pseudonym), end; it != end; ++it) found.insert(it->str());
  }
  return found;
}
}  // namespace

TEST_CASE("--mask: the golden masked outputs of the fixture, and no clear person number in them") {
  std::string out = fresh_dir("mask_basic");
  CommandResult r = score(kBasic, out, {"--mask", kKey});
  CHECK(r.status == 0);
  for (const char* file : kCsvOutputs)
    CHECK_MESSAGE(check_golden(std::string("masked/") + file, read_file(out + "/" + file)) == "", file);
  CHECK(check_golden("masked/run.json", without_timings(read_file(out + "/run.json"))) == "");
  // Person.csv holds P1…P6, some only in rows it rejects (P3: a bad date, P4 and P5: bad
  // references); settlements name them, loaded or rejected (wrong cell count, a broken quote).
  for (const char* file : kOutputs)
    for (const char* person : {"P1", "P2", "P3", "P4", "P5", "P6"})
      CHECK_MESSAGE(!contains(read_file(out + "/" + file), person), file, " shows ", person);
  CHECK(!contains(r.err, "P1"));
  // Without --mask the same run shows them: the check above can fail.
  std::string clear = fresh_dir("mask_basic_clear");
  REQUIRE(score(kBasic, clear).status == 0);
  CHECK(contains(read_file(clear + "/findings.csv"), "P1"));
  CHECK(!contains(read_file(clear + "/run.json"), "\"masked\""));
}

TEST_CASE("--mask: the same key gives the same pseudonyms in every run, another key others") {
  std::string first = fresh_dir("mask_first"), second = fresh_dir("mask_second"), other = fresh_dir("mask_other");
  std::string other_key = fresh_dir("mask_other_key") + "/other.key";
  write_file(other_key, std::string(32, 'k'));
  REQUIRE(score(kBasic, first, {"--mask", kKey, "--threads", "1"}).status == 0);
  REQUIRE(score(kBasic, second, {"--mask=" + kKey, "--threads", "3"}).status == 0);
  REQUIRE(score(kBasic, other, {"--mask", other_key}).status == 0);
  for (const char* file : kCsvOutputs) CHECK_MESSAGE(read_file(first + "/" + file) == read_file(second + "/" + file), file);
  std::set<std::string> mine = pseudonyms_in(first), theirs = pseudonyms_in(other);
  CHECK(mine.size() >= 6);
  CHECK(mine.size() == theirs.size());
  for (const std::string& p : mine) CHECK_MESSAGE(theirs.count(p) == 0, p);
  std::regex fingerprint("\"mask_key\": \"([0-9a-f]{16})\"");
  std::smatch a, b;
  std::string json_first = read_file(first + "/run.json"), json_other = read_file(other + "/run.json");
  REQUIRE(std::regex_search(json_first, a, fingerprint));
  REQUIRE(std::regex_search(json_other, b, fingerprint));
  CHECK(a[1] != b[1]);
}

TEST_CASE("--mask with a key file that cannot serve is a usage error, and nothing is written") {
  std::string dir = fresh_dir("mask_bad_keys");
  write_file(dir + "/short.key", std::string(31, 'k'));
  struct Case {
    std::string key, message;
  };
  for (const Case& c : {Case{dir + "/short.key", "holds 31 bytes; a mask key file holds at least 32 secret bytes"},
                        Case{dir + "/missing.key", "cannot read " + dir + "/missing.key: No such file or directory"},
                        Case{dir, "cannot read " + dir + ": not a regular file of at most 4096 bytes"}}) {
    std::string out = dir + "/out";
    CommandResult r = score(kBasic, out, {"--mask", c.key});
    CHECK(r.status == 2);
    CHECK_MESSAGE(contains(r.err, "fides-score: --mask: "), r.err);
    CHECK_MESSAGE(contains(r.err, c.message), r.err);
    CHECK(!std::filesystem::exists(out));
  }
  CommandResult empty = score(kBasic, dir + "/out", {"--mask="});
  CHECK(empty.status == 2);
  CHECK(contains(empty.err, "--mask needs a key file"));
}
