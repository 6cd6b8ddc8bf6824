// Record-level input file names: `record Visit from "MDTRT_D.csv" key …` reads
// the platform's file while rules read the record's own name; a record without
// `from` still reads <name>.csv; --input overrides either.
#include <doctest/doctest.h>

#include <filesystem>

#include "test_support.h"

using namespace fides::test;
namespace fs = std::filesystem;

namespace {
const std::string kFides = FIDES;
const std::string kScore = FIDES_SCORE;

const char* const kSource = R"(pack "文件名" version "1"
record Person "参保人" key id {
  id: text "psn_no"
  visits: [Visit] via person
}
record Visit "就诊" from "MDTRT_D.csv" key id {
  id: text "mdtrt_id"
  person: Person "psn_no"
  total: money "medfee_sumamt"
}
record Note "备注" from "extra/NOTE_D.csv" key id {
  id: text "note_id"
  visit: Visit "mdtrt_id"
}
rule BIG "高额就诊" {
  for v: Visit
  when v.total > 100
  amount v.total
  message "{v.id}"
}
)";

struct Built {
  std::string dir, pack;
};

const Built& built() {
  static const Built b = [] {
    Built x{fresh_dir("input_names_pack"), ""};
    write_file(x.dir + "/main.fides", kSource);
    x.pack = x.dir + "/names.so";
    CommandResult r = run_command({kFides, "build", x.dir + "/main.fides", "-o", x.pack});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return x;
  }();
  return b;
}

std::string data_folder(const std::string& name) {
  std::string data = fresh_dir(name);
  fs::create_directories(data + "/extra");
  write_file(data + "/Person.csv", "psn_no\nP1\nP2\n");
  write_file(data + "/MDTRT_D.csv", "mdtrt_id,psn_no,medfee_sumamt\nV1,P1,50\nV2,P2,150\nV3,P9,500\n");
  write_file(data + "/extra/NOTE_D.csv", "note_id,mdtrt_id\nN1,V2\n");
  return data;
}
}  // namespace

TEST_CASE("a record with `from` reads that file of the data folder, and rejects name it") {
  std::string data = data_folder("input_names_data"), out = data + "_out";
  CommandResult r = run_command({kScore, built().pack, "--data", data, "--out", out});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  std::string findings = read_file(out + "/findings.csv");
  CHECK(contains(findings, "BIG,高额就诊,"));
  CHECK(contains(findings, ",Visit,V2,150.00,"));
  CHECK_FALSE(contains(findings, ",V1,"));
  // V3's person P9 does not exist: the reject names the platform's file.
  CHECK(contains(read_file(out + "/rejects.csv"), "MDTRT_D.csv,4,4,\"unresolved reference in psn_no"));
  std::string run = read_file(out + "/run.json");
  CHECK(contains(run, "MDTRT_D.csv"));
  CHECK(contains(run, "extra/NOTE_D.csv"));
}

TEST_CASE("a missing `from` file is an error that names it; --input still overrides by record name") {
  std::string data = data_folder("input_names_missing"), out = data + "_out";
  fs::rename(data + "/MDTRT_D.csv", data + "/visits.csv");
  CommandResult missing = run_command({kScore, built().pack, "--data", data, "--out", out});
  CHECK(missing.status == 1);
  CHECK(contains(missing.err, "MDTRT_D.csv"));
  CommandResult over = run_command({kScore, built().pack, "--data", data, "--out", out, "--input",
                                    "Visit=" + data + "/visits.csv"});
  REQUIRE_MESSAGE(over.status == 0, over.err);
  CHECK(contains(read_file(out + "/findings.csv"), ",Visit,V2,150.00,"));
}

TEST_CASE("fides run (the reference interpreter's host) reads the same `from` files") {
  std::string data = data_folder("input_names_run"), out = data + "_out";
  CommandResult r = run_command({kFides, "run", built().dir + "/main.fides", "--interpret", "--data", data, "--out", out});
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(contains(read_file(out + "/findings.csv"), ",Visit,V2,150.00,"));
}
