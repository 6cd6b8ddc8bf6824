// The input reader on random broken text (spec §9.8): whatever the bytes,
// every physical line is the header, one loaded row or one reject, loaded +
// rejected = rows, and a bad record never takes more lines than it must.
#include <doctest/doctest.h>

#include <random>

#include "loader_support.h"

using namespace fides;
using namespace fides::test;

namespace {
// Physical lines of `text` as the spec counts them (CR LF, LF, lone CR).
uint32_t physical_lines(const std::string& text) {
  uint32_t n = 0;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++n;
  bool open_last = !text.empty() && text.back() != '\n' && text.back() != '\r';
  return n + open_last;
}
}  // namespace

TEST_CASE("random broken Org files: every line is accounted for exactly once") {
  const char alphabet[] = {',', ',', '"', '"', '\n', '\n', '\r', 'O', '1', '2', ' ', 't', '\0', '\xff', '\xe6'};
  std::mt19937 rng(20261202);
  data::LoadOptions options;
  options.max_field_bytes = 8;  // small, so that the limit is met often
  for (int round = 0; round < 3000; ++round) {
    std::string text = "机构编码,等级,启用\n";
    size_t n = rng() % 80;
    for (size_t i = 0; i < n; ++i) text += alphabet[rng() % sizeof alphabet];
    CAPTURE(text);
    auto l = load({{"Org", text}}, options);
    REQUIRE(l->dataset);
    const data::Dataset& d = *l->dataset;
    const data::InputStat& in = d.inputs[ORG];
    CHECK(in.lines == physical_lines(text));
    CHECK(in.loaded + in.rejected == in.rows);
    std::vector<int> owners(in.lines + 1, 0);
    owners[1] = 1;
    auto own = [&](uint32_t first, uint32_t last) {
      REQUIRE(first >= 2);
      REQUIRE(last >= first);
      REQUIRE(last <= in.lines);
      for (uint32_t x = first; x <= last; ++x) ++owners[x];
    };
    for (int64_t i = 0; i < d.records[ORG].n_rows; ++i) own(d.records[ORG].line[i], d.records[ORG].last_line[i]);
    for (const data::Reject& r : d.rejects) {
      if (r.file != "Org.csv") continue;
      own(r.line, r.last_line);
      CHECK(r.column >= 1);
      // A quote problem takes the first line only.
      if (r.reason.rfind("unterminated quote", 0) == 0 || r.reason.rfind("unbalanced quote", 0) == 0)
        CHECK(r.last_line == r.line);
    }
    for (uint32_t x = 1; x <= in.lines; ++x) CHECK_MESSAGE(owners[x] == 1, "line " << x);
  }
}

namespace {
// A random Person file: good rows, rows spanning lines in the note (a text
// field that may hold a line break), stray quotes, bad cells, blank lines.
std::string random_person_file(std::mt19937& rng) {
  static const char* const rows[] = {
      "P{},O1,1.5,1980-01-01,high,注,张三",
      "P{},O2,,1990-02-03,,\"两行\n备注\",李四",
      "P{},O1,2,1991-01-01,low,\"三\r\n行\n备注\",王五",
      "P{},O1,x,1980-01-01,,,坏分值",
      "P{},O9,1,1980-01-01,,,无机构",
      "P{},O1,1,1980-01-01,,\"未闭合,名",
      "P{},O1,1,\"1980\n-01-01\",,,日期断行",
      "",
      "P{},O1,1,1980-01-01,,\"a\"\"b\",引号",
      "P1,O1,1,1980-01-01,,,重复键",
  };
  std::string text = "人员编号,机构,分值,出生日期,级别,备注,姓名\n";
  size_t n = rng() % 60;
  for (size_t i = 0; i < n; ++i) {
    std::string row = rows[rng() % (sizeof rows / sizeof rows[0])];
    if (size_t at = row.find("{}"); at != std::string::npos) row.replace(at, 2, std::to_string(i));
    text += row + (rng() % 5 ? "\n" : "\r\n");
  }
  return text;
}

// Everything a load produced, as text, to compare loads.
std::string describe(const data::Dataset& d) {
  std::string s;
  for (const data::InputStat& in : d.inputs)
    s += in.record + " " + in.sha256 + " " + std::to_string(in.lines) + " " + std::to_string(in.rows) + " " +
         std::to_string(in.loaded) + " " + std::to_string(in.rejected) + "\n";
  for (const data::Reject& r : d.rejects)
    s += r.file + ":" + std::to_string(r.line) + "-" + std::to_string(r.last_line) + ":" + std::to_string(r.column) +
         " " + r.reason + " | " + r.text + "\n";
  for (const data::RecordStore& rec : d.records) {
    for (int64_t i = 0; i < rec.n_rows; ++i) {
      s += std::string(data::view_of(rec.key_texts()[i])) + " @" + std::to_string(rec.line[i]) + "-" +
           std::to_string(rec.last_line[i]);
      for (size_t f = 0; f < rec.values.size(); ++f) {
        if (!rec.values[f].empty()) s += " " + std::to_string(rec.values[f][i]);
        if (!rec.texts[f].empty()) s += " '" + std::string(data::view_of(rec.texts[f][i])) + "'";
        if (!rec.present[f].empty()) s += rec.present[f][i] ? "+" : "-";
      }
      s += "\n";
    }
  }
  return s;
}
}  // namespace

TEST_CASE("a file read in parts on several threads loads exactly as read whole") {
  std::mt19937 rng(20261203);
  for (int round = 0; round < 400; ++round) {
    std::string person = random_person_file(rng);
    CAPTURE(person);
    data::LoadOptions whole;
    auto expected = load({{"Person", person}}, whole);
    REQUIRE(expected->dataset);
    // Tiny parts cut inside records that span lines, so the re-reading of a
    // part that began inside the previous part's last record is exercised.
    for (uint64_t part_bytes : {1, 5, 37, 200}) {
      data::LoadOptions parts;
      parts.part_bytes = part_bytes;
      parts.threads = 1 + round % 3;
      auto got = load({{"Person", person}}, parts);
      REQUIRE(got->dataset);
      CHECK(describe(*got->dataset) == describe(*expected->dataset));
    }
  }
}
