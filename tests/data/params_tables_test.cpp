#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "data/tables.h"
#include "loader_support.h"

using namespace fides;
using namespace fides::test;
using data::view_of;

namespace {
std::unique_ptr<Loaded> with_params(std::vector<std::pair<std::string, std::string>> params) {
  data::LoadOptions options;
  options.params = std::move(params);
  return load({}, options);
}
}  // namespace

TEST_CASE("parameters take their defaults") {
  auto l = with_params({});
  REQUIRE(l->dataset);
  const auto& p = l->dataset->params;
  CHECK(p[0].value == 1000000000);
  CHECK(p[1].value == 15);
  CHECK(p[2].value == 19723);  // 2024-01-01
  CHECK(p[3].value == 0);
  CHECK(view_of(p[4].text) == "默认 标签");
  CHECK(p[5].value == 2);
}

TEST_CASE("--param overrides use the literal syntax of the type; text is taken as written") {
  auto l = with_params({{"limit", "1200.5"}, {"since", "2024-04-01"}, {"strict", "true"},
                        {"label", " 空格 保留 "}, {"level", "critical"}, {"days", "12"}});
  REQUIRE(l->dataset);
  const auto& p = l->dataset->params;
  CHECK(p[0].value == 1200500000);
  CHECK(p[1].value == 12);
  CHECK(p[2].value == 19814);
  CHECK(p[3].value == 1);
  CHECK(view_of(p[4].text) == " 空格 保留 ");
  CHECK(p[5].value == 4);
  CHECK(l->dataset->param_texts[1] == "12");
}

TEST_CASE("a bad --param is a usage error that says what was expected") {
  struct Case {
    const char* name;
    const char* value;
    std::string message;
  };
  Case cases[] = {
      {"days", "1.5", "--param days=1.5: bad number; days is int from 1 to 90 (default 15)"},
      {"limit", "abc", "--param limit=abc: bad number; limit is money (default 1000)"},
      {"since", "2024-02-30", "--param since=2024-02-30: bad date; since is date (default 2024-01-01)"},
      {"strict", "yes", "--param strict=yes: bad boolean; strict is bool (default false)"},
      {"level", "huge", "--param level=huge: bad severity; level is severity (default medium)"},
      {"days", "", "--param days=: empty value; days is int from 1 to 90 (default 15)"},
      {"days", "99999999999999999999", "--param days=99999999999999999999: number out of range; days is int from 1 to 90 (default 15)"},
      {"days", "91", "--param days=91: outside its range; days is int from 1 to 90 (default 15)"},
      {"days", "0", "--param days=0: outside its range; days is int from 1 to 90 (default 15)"},
      {"nope", "1", "unknown parameter 'nope' in --param; the pack's parameters are: limit, days, since, strict, label, level"},
  };
  for (const Case& c : cases) {
    auto l = with_params({{c.name, c.value}});
    CHECK_FALSE(l->dataset);
    CHECK(l->failure.exit_code == 2);
    CHECK(l->failure.message == c.message);
  }
}

TEST_CASE("a range is inclusive at both ends") {
  for (const char* v : {"1", "90"}) {
    auto l = with_params({{"days", v}});
    REQUIRE(l->dataset);
    CHECK(l->dataset->param_texts[1] == v);
  }
}

TEST_CASE("a parameter given twice is a usage error, even with the same value") {
  for (const char* second : {"12", "10"}) {
    auto l = with_params({{"days", "10"}, {"days", second}});
    CHECK_FALSE(l->dataset);
    CHECK(l->failure.exit_code == 2);
    CHECK(l->failure.message == std::string("--param days is given twice ('10' and '") + second +
                                    "'); days is int from 1 to 90 (default 15)");
  }
}

TEST_CASE("a range bound that does not parse is a malformed pack") {
  fides_param_desc bad[] = {{"n", "", FIDES_TYPE_INT, 1, "5", "1", "many"}};
  fides_pack pack = make_pack();
  pack.params = bad;
  pack.n_params = 1;
  data::LoadOptions options;
  options.input_texts = {{"Org", kOrgCsv}, {"Person", kPersonCsv}, {"Claim", kClaimCsv}};
  data::LoadFailure failure;
  CHECK_FALSE(data::load_dataset(pack, options, failure));
  CHECK(failure.exit_code == 1);
  CHECK(failure.message == "malformed pack: parameter n has range bound 'many': bad number");
}

TEST_CASE("a malformed default is a malformed pack") {
  fides_param_desc bad[] = {{"n", "", FIDES_TYPE_INT, 0, "ten"}};
  fides_pack pack = make_pack();
  pack.params = bad;
  pack.n_params = 1;
  data::LoadOptions options;
  options.input_texts = {{"Org", kOrgCsv}, {"Person", kPersonCsv}, {"Claim", kClaimCsv}};
  data::LoadFailure failure;
  CHECK_FALSE(data::load_dataset(pack, options, failure));
  CHECK(failure.exit_code == 1);
  CHECK(failure.message == "malformed pack: parameter n has default 'ten': bad number");
}

TEST_CASE("embedded tables become sorted, de-duplicated keys") {
  auto l = load({});
  REQUIRE(l->dataset);
  const data::Dataset& d = *l->dataset;
  const fides_table_data& codes = d.table_data[0];
  REQUIRE(codes.n == 3);
  CHECK(codes.keys == nullptr);
  CHECK(view_of(codes.key_texts[0]) == "A");
  CHECK(view_of(codes.key_texts[1]) == "B");
  CHECK(view_of(codes.key_texts[2]) == "C,1");
  const fides_table_data& caps = d.table_data[1];
  REQUIRE(caps.n == 2);  // X2 twice with the same value
  CHECK(view_of(caps.key_texts[0]) == "X1");
  CHECK(caps.values[0] == 10500000);
  CHECK(caps.values[1] == 20000000);
  const fides_table_data& days = d.table_data[2];
  REQUIRE(days.n == 3);
  CHECK(days.keys[0] == -1);
  CHECK(days.keys[2] == 30);
  CHECK(d.table_sources[0] == "embedded");
}

TEST_CASE("a table can be replaced by a file of the same shape") {
  auto dir = std::filesystem::temp_directory_path() / ("fides_tables_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "caps.csv").string();
  std::ofstream(path) << "限价,项目,说明\n5,Z9,新\n";
  data::LoadOptions options;
  options.table_files["caps"] = path;
  auto l = load({}, options);
  REQUIRE(l->dataset);
  const fides_table_data& caps = l->dataset->table_data[1];
  REQUIRE(caps.n == 1);
  CHECK(view_of(caps.key_texts[0]) == "Z9");
  CHECK(caps.values[0] == 5000000);
  CHECK(l->dataset->table_sources[1] == path);
  std::ofstream(path) << "项目,限价\nA,1\nB,x\n";
  auto bad = load({}, options);
  CHECK_FALSE(bad->dataset);
  CHECK(bad->failure.exit_code == 1);
  CHECK(bad->failure.message == "malformed table caps: " + path + ":3:3: bad number in column '限价': \"x\"");
  std::filesystem::remove_all(dir);
}

TEST_CASE("malformed tables are errors naming file, line and column") {
  data::TextArena arena;
  data::TableStore out;
  std::string error;
  const fides_table_desc& caps = kTables[1];
  auto parse = [&](std::string csv) { return data::parse_table(caps, csv, "caps.csv", arena, out, error); };
  CHECK_FALSE(parse("项目\nA\n"));
  CHECK(error == "caps.csv:1: no column '限价' in the header");
  CHECK_FALSE(parse("项目,限价\nA,1\nA,2\n"));
  CHECK(error == "caps.csv:3:1: duplicate key 'A' with a different value than on line 2");
  CHECK_FALSE(parse("项目,限价\nA,1,2\n"));
  CHECK(error == "caps.csv:2:1: wrong column count: expected 2 cells, found 3");
  CHECK_FALSE(parse("项目,限价\nA,\n"));
  CHECK(error == "caps.csv:2:3: missing value in column '限价'");
  CHECK_FALSE(parse("项目,限价\n\"A,1\n"));
  CHECK(error == "caps.csv:2:1: malformed quoting: unterminated quoted cell");
  CHECK_FALSE(parse(""));
  CHECK(error == "caps.csv: empty table, expected a header row with column '项目'");
  CHECK(parse("项目,限价\n\nB,2\n"));
}

TEST_CASE("indexes: reverse references per target row, groups by field value") {
  auto l = load({{"Person", "人员编号,机构,分值,出生日期,级别,备注,姓名\nP1,O1,2,1980-01-01,,,乙\nP2,O2,,1990-02-03,,,甲\n"
                            "P3,O2,1,1990-02-03,,,乙\nP4,O2,2,1990-02-03,,,丙\n"},
                 {"Claim", "单号,人员编号,金额,前单\n1,P3,1,\n2,P1,1,1\n3,P3,1,1\n"}});
  REQUIRE(l->dataset);
  const data::Dataset& d = *l->dataset;
  const fides_index_data& claims_of = d.index_data[0];
  REQUIRE(claims_of.n_groups == 4);
  auto group = [](const fides_index_data& ix, int64_t g) {
    return std::vector<int64_t>(ix.rows + ix.offsets[g], ix.rows + ix.offsets[g + 1]);
  };
  CHECK(group(claims_of, 0) == std::vector<int64_t>{1});
  CHECK(group(claims_of, 1).empty());
  CHECK(group(claims_of, 2) == std::vector<int64_t>{0, 2});
  CHECK(claims_of.group_of_row == nullptr);
  const fides_index_data& by_name = d.index_data[1];  // 丙 < 乙 < 甲 bytewise? 丙 E4B899, 乙 E4B999, 甲 E794B2
  REQUIRE(by_name.n_groups == 3);
  CHECK(group(by_name, 0) == std::vector<int64_t>{3});
  CHECK(group(by_name, 1) == std::vector<int64_t>{0, 2});
  CHECK(group(by_name, 2) == std::vector<int64_t>{1});
  CHECK(by_name.group_of_row[2] == 1);
  const fides_index_data& by_score = d.index_data[2];  // optional: P2 absent belongs to no group
  REQUIRE(by_score.n_groups == 2);
  CHECK(group(by_score, 0) == std::vector<int64_t>{2});
  CHECK(group(by_score, 1) == std::vector<int64_t>{0, 3});
  CHECK(by_score.group_of_row[1] == -1);
  const fides_index_data& next_of = d.index_data[3];  // optional self-reference
  CHECK(group(next_of, 0) == std::vector<int64_t>{1, 2});
}

namespace {
// Why a pack of the one record R with `fields` is refused before anything is read.
template <size_t N>
std::string refusal_of(const fides_field_desc (&fields)[N]) {
  fides_record_desc records[] = {{"R", "", 0, N, fields, -1, 1}};
  fides_pack pack{};
  pack.abi_version = FIDES_ABI_VERSION;
  pack.n_records = 1;
  pack.records = records;
  data::LoadFailure failure;
  CHECK_FALSE(data::load_dataset(pack, {}, failure));
  CHECK(failure.exit_code == 1);
  return failure.message;
}
}  // namespace

TEST_CASE("a malformed descriptor is refused before anything is read") {
  fides_field_desc fields[] = {{"id", "id", FIDES_TYPE_TEXT, 0, -1, 0}, {"x", "x", FIDES_TYPE_REF, 0, 7, 0}};
  CHECK(refusal_of(fields) == "malformed pack: record R.x refers to a record that does not exist");
}

TEST_CASE("personal flags that a host could be misled by are a malformed pack") {
  struct Case {
    uint32_t key_flags, ref_flags, number_flags;
    const char* message;
  };
  for (Case c : {Case{FIDES_FIELD_PERSONAL, 0, 0,
                      "record R.self is a reference that is personal exactly when the key of R is not"},
                 Case{0, FIDES_FIELD_PERSONAL, 0,
                      "record R.self is a reference that is personal exactly when the key of R is not"},
                 Case{0, 0, FIDES_FIELD_PERSONAL, "record R.n is personal but not text"},
                 Case{4, 0, 0, "record R.id has unknown flags 4"}}) {
    fides_field_desc fields[] = {{"id", "id", FIDES_TYPE_TEXT, 0, -1, c.key_flags},
                                 {"self", "self", FIDES_TYPE_REF, 1, 0, c.ref_flags},
                                 {"n", "n", FIDES_TYPE_INT, 0, -1, c.number_flags}};
    CHECK(refusal_of(fields) == std::string("malformed pack: ") + c.message);
  }
}
