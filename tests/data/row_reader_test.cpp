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
