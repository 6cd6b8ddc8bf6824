// The corpus of broken credit files (tests/host/broken/, spec §9.8): each case
// is a folder holding the files that differ from _base/, optional extra
// arguments (`args`, one a line) and the golden `expected.txt` — exit status,
// the error, and per input the loaded rows (lines, key) and every reject
// (lines, column, reason). For every case the test also checks that each
// physical line is the header, one loaded row or one reject, that loaded +
// rejected = rows, and that fides-score's run.json says the same.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "data/loader.h"
#include "host/options.h"
#include "host/pack_library.h"
#include "test_support.h"

using namespace fides;
using namespace fides::test;
namespace fs = std::filesystem;

namespace {
const std::string kCorpus = std::string(HOST_TEST_DIR) + "/broken";

const fides_pack& fixture_pack() {
  static host::PackLibrary library;
  static bool opened = [] {
    std::string error;
    return library.open(FIXTURE_PACK, error);
  }();
  REQUIRE(opened);
  return *library.descriptor();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (size_t at = 0, end; (end = text.find('\n', at)) != std::string::npos; at = end + 1)
    out.push_back(text.substr(at, end - at));
  return out;
}

std::string span(uint32_t first, uint32_t last) {
  return first == last ? "line " + std::to_string(first)
                       : "lines " + std::to_string(first) + "-" + std::to_string(last);
}

// Checks that the header, the loaded rows and the rejects of `input` cover
// its lines 1..lines exactly once; returns a description of the first fault.
std::string partition_fault(const data::Dataset& d, size_t r, const data::InputStat& input) {
  std::vector<int> owners(input.lines + 1, 0);
  auto own = [&](uint32_t first, uint32_t last) {
    for (uint32_t l = first; l <= last && l < owners.size(); ++l) ++owners[l];
    return first >= 1 && last >= first && last <= input.lines;
  };
  bool ok = input.lines == 0 || own(1, 1);
  for (int64_t i = 0; i < d.records[r].n_rows; ++i) ok = own(d.records[r].line[i], d.records[r].last_line[i]) && ok;
  for (const data::Reject& j : d.rejects)
    if (j.file == input.file) ok = own(j.line, j.last_line) && ok;
  for (uint32_t l = 1; l <= input.lines; ++l)
    if (owners[l] != 1) return input.file + " line " + std::to_string(l) + " belongs to " + std::to_string(owners[l]);
  if (!ok) return input.file + ": a row or reject lies outside its lines";
  if (input.loaded + input.rejected != input.rows) return input.file + ": loaded + rejected != rows";
  return "";
}

// What the loader makes of a case, as expected.txt shows it.
std::string describe(const data::Dataset& d) {
  std::string out;
  for (size_t r = 0; r < d.inputs.size(); ++r) {
    const data::InputStat& in = d.inputs[r];
    out += in.file + " (" + in.encoding + "): " + std::to_string(in.lines) + " lines, " + std::to_string(in.rows) +
           " rows, " + std::to_string(in.loaded) + " loaded, " + std::to_string(in.rejected) + " rejected\n";
    for (int64_t i = 0; i < d.records[r].n_rows; ++i)
      out += "  loaded " + span(d.records[r].line[i], d.records[r].last_line[i]) + ": " +
             std::string(data::view_of(d.records[r].key_texts()[i])) + "\n";
    for (const data::Reject& j : d.rejects)
      if (j.file == in.file)
        out += "  reject " + span(j.line, j.last_line) + " column " + std::to_string(j.column) + ": " + j.reason + "\n";
  }
  for (const std::string& w : d.warnings) out += "warning: " + w + "\n";
  return out;
}
}  // namespace

TEST_CASE("the corpus of broken input files: every line accounted for, every reject where it is") {
  std::vector<std::string> cases;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.is_directory() && e.path().filename() != "_base") cases.push_back(e.path().filename());
  std::sort(cases.begin(), cases.end());
  CHECK(cases.size() >= 25);
  for (const std::string& name : cases) {
    CAPTURE(name);
    std::string data = fresh_dir("broken_" + name), out = data + "_out";
    for (const std::string& from : {kCorpus + "/_base", kCorpus + "/" + name})
      for (const auto& e : fs::directory_iterator(from))
        if (e.path().extension() == ".csv")
          fs::copy_file(e.path(), data + "/" + e.path().filename().string(), fs::copy_options::overwrite_existing);
    std::vector<std::string> args;
    if (fs::exists(kCorpus + "/" + name + "/args")) args = lines_of(read_file(kCorpus + "/" + name + "/args"));

    CommandResult run = score(data, out, args);
    std::string expected = "exit " + std::to_string(run.status) + "\n";
    if (run.status != 0) expected += run.err;

    std::vector<const char*> argv = {"fides-score", "p.so", "--data", data.c_str(), "--out", out.c_str()};
    for (const std::string& a : args) argv.push_back(a.c_str());
    host::ScoreCommand command;
    std::string error;
    REQUIRE(host::parse_score_command(static_cast<int>(argv.size()), argv.data(), command, error));
    data::LoadFailure failure;
    auto d = data::load_dataset(fixture_pack(), command.options.load, failure);
    CHECK((d != nullptr) == (run.status == 0));
    if (d) {
      expected += describe(*d);
      std::string run_json = read_file(out + "/run.json");
      CHECK(contains(run_json, "\"finished\": true"));
      for (size_t r = 0; r < d->inputs.size(); ++r) {
        const data::InputStat& in = d->inputs[r];
        CHECK_MESSAGE(partition_fault(*d, r, in) == "", partition_fault(*d, r, in));
        CHECK(contains(run_json, "\"rows\": " + std::to_string(in.rows) + ", \"loaded\": " +
                                     std::to_string(in.loaded) + ", \"rejected\": " + std::to_string(in.rejected)));
      }
    } else {
      CHECK(contains(run.err, failure.message));
      CHECK_FALSE(contains(read_file(out + "/run.json"), "\"finished\": true"));
    }
    CHECK(check_golden("../broken/" + name + "/expected.txt", expected) == "");
  }
}
