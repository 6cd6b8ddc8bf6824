#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "data/text_arena.h"
#include "loader_support.h"

using namespace fides;
using namespace fides::test;
using data::Reject;
using data::view_of;

namespace {
// Rejects of loading `csv` as `record`, with no claims unless `record` is Claim
// (so no claim row is rejected for referring to a rejected person).
std::vector<Reject> rejects_of(const std::string& record, const std::string& csv) {
  std::map<std::string, std::string> texts = {{record, csv}};
  texts.emplace("Claim", "单号,人员编号,金额,前单\n");
  auto l = load(texts);
  INFO(l->failure.message);
  REQUIRE(l->dataset);
  return l->dataset->rejects;
}

// The single reject of loading `csv` as `record`.
Reject only_reject(const std::string& record, const std::string& csv) {
  auto rejects = rejects_of(record, csv);
  REQUIRE(rejects.size() == 1);
  return rejects[0];
}

std::string text(const data::Dataset& d, int record, int field, int64_t row) {
  return std::string(view_of(d.records[record].texts[field][row]));
}
int64_t value(const data::Dataset& d, int record, int field, int64_t row) { return d.records[record].values[field][row]; }

std::vector<Reject> rejects_in(const data::Dataset& d, const std::string& file) {
  std::vector<Reject> out;
  for (const Reject& r : d.rejects)
    if (r.file == file) out.push_back(r);
  return out;
}

std::string temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("fides_data_test_" + std::to_string(getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void write(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }
}  // namespace

TEST_CASE("columns are matched by header name in any order; extra columns are ignored") {
  auto l = load({{"Org", "备注,启用,等级,机构编码\n无,false,3,O1\n,, 2 ,O2\n"}});
  REQUIRE(l->dataset);
  const data::Dataset& d = *l->dataset;
  REQUIRE(d.records[ORG].n_rows == 2);
  CHECK(text(d, ORG, O_CODE, 0) == "O1");
  CHECK(value(d, ORG, O_LEVEL, 0) == 3);
  CHECK(value(d, ORG, O_LEVEL, 1) == 2);  // blanks around a number are allowed
  CHECK(d.records[ORG].present[O_ACTIVE][0] == 1);
  CHECK(value(d, ORG, O_ACTIVE, 0) == 0);
  CHECK(d.records[ORG].present[O_ACTIVE][1] == 0);
  CHECK(d.rejects.empty());
}

TEST_CASE("values are stored in the ABI encoding") {
  auto l = load({});
  REQUIRE(l->dataset);
  const data::Dataset& d = *l->dataset;
  CHECK(value(d, PERSON, P_SCORE, 0) == 1500000);
  CHECK(value(d, PERSON, P_BIRTH, 0) == 3652);  // 1980-01-01
  CHECK(value(d, PERSON, P_RISK, 0) == 3);
  CHECK(value(d, PERSON, P_ORG, 1) == 1);
  CHECK(value(d, CLAIM, C_AMOUNT, 0) == 10500000);
  CHECK(value(d, CLAIM, C_PREV, 1) == 0);
  CHECK(d.records[CLAIM].present[C_PREV][0] == 0);
  CHECK(value(d, CLAIM, C_PREV, 0) == -1);
  // The ABI view points at the same storage.
  const fides_column& name = d.record_data[PERSON].columns[P_NAME];
  CHECK(data::view_of(name.texts[1]) == "李四");
  CHECK(name.present == nullptr);
  CHECK(d.record_data[PERSON].columns[P_NOTE].present != nullptr);
}

TEST_CASE("an empty cell: absent when optional, \"\" for text, a reject otherwise") {
  auto l = load({{"Person", "人员编号,机构,分值,出生日期,级别,备注,姓名\nP1,O1,,1980-01-01,,,\n"}});
  REQUIRE(l->dataset);
  const data::Dataset& d = *l->dataset;
  REQUIRE(d.records[PERSON].n_rows == 1);
  CHECK(text(d, PERSON, P_NAME, 0) == "");
  CHECK(d.records[PERSON].present[P_NOTE][0] == 0);
  CHECK(d.records[PERSON].present[P_SCORE][0] == 0);
  CHECK(d.records[PERSON].present[P_RISK][0] == 0);
}

TEST_CASE("every reject reason, with the line and column where it is") {
  struct Case {
    const char* record;
    std::string csv;
    uint32_t line, column;
    std::string reason;
  };
  const std::string person_header = "人员编号,机构,分值,出生日期,级别,备注,姓名\n";
  const std::string org_header = "机构编码,等级,启用\nO1,1,true\nO2,2,\n";
  Case cases[] = {
      {"Person", person_header + "P1,O1,1.5,1980-01-01,,,甲\nP2,O1,1.2.3,1980-01-01,,,乙\n", 3, 7,
       "bad number in 分值: \"1.2.3\""},
      {"Person", person_header + "P1,O1,1.1234567,1980-01-01,,,甲\nP2,O1,,1980-01-01,,,乙\n", 2, 7,
       "bad number in 分值: \"1.1234567\""},
      {"Org", org_header + "O3,99999999999999999999,\n", 4, 4, "number out of range in 等级: \"99999999999999999999\""},
      {"Person", person_header + "P1,O1,,2023-02-29,,,甲\nP2,O1,,1980-01-01,,,乙\n", 2, 8,
       "bad date in 出生日期: \"2023-02-29\""},
      {"Org", org_header + "O3,3,yes\n", 4, 6, "bad boolean in 启用: \"yes\""},
      {"Person", person_header + "P1,O1,,1980-01-01,severe,,甲\nP2,O1,,1980-01-01,,,乙\n", 2, 19,
       "bad severity in 级别: \"severe\""},
      {"Person", person_header + "P1,O1,,,,,甲\nP2,O1,,1980-01-01,,,乙\n", 2, 8, "missing value in 出生日期"},
      {"Person", person_header + "P1,O1,,1980-01-01,,,甲\nP2,O9,,1980-01-01,,,乙\n", 3, 4,
       "unresolved reference in 机构: no Org with key \"O9\""},
      {"Person", person_header + "P1,O1,,1980-01-01,,,甲\nP1,O2,,1980-01-01,,,乙\n", 3, 1,
       "duplicate key in 人员编号: \"P1\" (first at line 2)"},
      {"Org", org_header + "O3,3,,extra\n", 4, 7, "wrong column count: expected 3 cells, found 4"},
      {"Org", org_header + "O3,3\n", 4, 5, "wrong column count: expected 3 cells, found 2"},
      {"Org", org_header + "O\xE6\x9C\xBA\xE6,3,\n", 4, 3, "invalid UTF-8"},
      {"Org", org_header + "机构\xC0\xAF,3,\n", 4, 3, "invalid UTF-8"},
      {"Org", org_header + "O3,3\"x,\n", 4, 5, "malformed quoting: quote inside an unquoted cell"},
      {"Org", org_header + "\"O3\"x,3,\n", 4, 5, "malformed quoting: text after the closing quote of a quoted cell"},
      {"Org", org_header + "O3,3,\"true\n", 4, 6,
       "unterminated quote: the quoted cell opened at line 4 column 6 is not closed by the end of the file"},
      {"Org", org_header + " ,3,\n", 4, 1, "empty key in 机构编码"},
      {"Org", org_header + "O3,\"\"\"3\"\"\",\n", 4, 4, "bad number in 等级: \"\"3\"\""},
  };
  for (const Case& c : cases) {
    INFO(c.csv);
    Reject r = only_reject(c.record, c.csv);
    CHECK(r.file == std::string(c.record) + ".csv");
    CHECK(r.line == c.line);
    CHECK(r.column == c.column);
    CHECK(r.reason == c.reason);
  }
}

TEST_CASE("a rejected row's text is echoed as written, ill-formed bytes replaced") {
  Reject r = only_reject("Org", "机构编码,等级,启用\nO1,1,true\nO2,2,\nO\xFF,3,\n");
  CHECK(r.text == "O\xEF\xBF\xBD,3,");
  r = only_reject("Org", "机构编码,等级,启用\nO1,1,true\nO2,2,\n\"O,3\",x,\n");
  CHECK(r.text == "\"O,3\",x,");
}

TEST_CASE("rows referring to rejected rows are rejected, through every record type") {
  auto l = load({{"Org", "机构编码,等级,启用\nO1,1,\nO2,二,\n"},
                 {"Person", "人员编号,机构,分值,出生日期,级别,备注,姓名\nP1,O1,,1980-01-01,,,甲\nP2,O2,,1980-01-01,,,乙\n"
                            "P3,O1,,1980-01-01,,,丙\n"},
                 {"Claim", "单号,人员编号,金额,前单\n1,P2,1,\n2,P1,1,1\n3,P3,1,2\n4,P3,1,\n5,P1,1,4\n"}});
  REQUIRE(l->dataset);
  const data::Dataset& d = *l->dataset;
  // O2 bad → P2 → claim 1 → claim 2 (prev 1) → claim 3 (prev 2); claims 4, 5 survive.
  REQUIRE(d.rejects.size() == 5);
  CHECK(d.rejects[0].reason == "bad number in 等级: \"二\"");
  CHECK(d.rejects[1].file == "Person.csv");
  CHECK(d.rejects[1].line == 3);
  CHECK(d.rejects[1].column == 4);
  CHECK(d.rejects[1].reason == "reference to rejected row in 机构: Org \"O2\" (Org.csv line 3)");
  CHECK(d.rejects[2].reason == "reference to rejected row in 人员编号: Person \"P2\" (Person.csv line 3)");
  CHECK(d.rejects[3].line == 3);
  CHECK(d.rejects[3].column == 8);
  CHECK(d.rejects[3].reason == "reference to rejected row in 前单: Claim \"1\" (Claim.csv line 2)");
  CHECK(d.rejects[4].reason == "reference to rejected row in 前单: Claim \"2\" (Claim.csv line 3)");
  CHECK(d.inputs[CLAIM].rows == 5);
  CHECK(d.inputs[CLAIM].loaded == 2);
  CHECK(d.inputs[CLAIM].rejected == 3);
  // Surviving rows keep input order, and references point at the compacted rows.
  REQUIRE(d.records[PERSON].n_rows == 2);
  CHECK(text(d, PERSON, P_ID, 1) == "P3");
  // A text key is read from its compacted column, not from a copy.
  CHECK(d.records[PERSON].keys.empty());
  CHECK(d.key_of(PERSON, 1) == "P3");
  CHECK(d.records[PERSON].find_row("P3") == 1);
  CHECK(d.records[PERSON].find_row("P2") == -1);
  CHECK(d.key_of(CLAIM, 0) == "4");
  CHECK(d.records[CLAIM].find_row("5") == 1);
  CHECK(value(d, CLAIM, C_PERSON, 0) == 1);  // P3
  CHECK(value(d, CLAIM, C_PREV, 1) == 0);    // claim 5 → claim 4
  CHECK(value(d, CLAIM, C_PERSON, 1) == 0);  // P1
}

TEST_CASE("rejection propagates around reference cycles between record types") {
  fides_pack pack = make_cycle_pack();
  data::LoadOptions options;
  options.input_texts["A"] = "id,b\nA1,B1\nA2,B2\nA3,\n";
  options.input_texts["B"] = "id,a\nB1,A1\nB2,A9\nB3,A2\n";
  data::LoadFailure failure;
  auto d = data::load_dataset(pack, options, failure);
  REQUIRE(d);
  // B2 → A9 does not exist; A2 → B2; B3 → A2.
  REQUIRE(d->rejects.size() == 3);
  CHECK(d->rejects[0].file == "A.csv");
  CHECK(d->rejects[0].reason == "reference to rejected row in b: B \"B2\" (B.csv line 3)");
  CHECK(d->rejects[1].reason == "unresolved reference in a: no A with key \"A9\"");
  CHECK(d->rejects[2].reason == "reference to rejected row in a: A \"A2\" (A.csv line 3)");
  CHECK(d->records[0].n_rows == 2);
  CHECK(d->records[1].n_rows == 1);
  CHECK(d->records[0].values[1][0] == 0);  // A1 → B1
  CHECK(d->records[1].values[1][0] == 0);  // B1 → A1
}

TEST_CASE("an int key is matched by value, whatever its spelling") {
  auto l = load({{"Claim", "单号,人员编号,金额,前单\n007,P1,1,\n8,P1,1, 7\n07,P1,1,\n"}});
  REQUIRE(l->dataset);
  const data::Dataset& d = *l->dataset;
  REQUIRE(d.rejects.size() == 1);
  CHECK(d.rejects[0].reason == "duplicate key in 单号: \"7\" (first at line 2)");
  CHECK(d.key_of(CLAIM, 0) == "7");
  CHECK(value(d, CLAIM, C_PREV, 1) == 0);
}

TEST_CASE("quoted cells may hold line breaks; later lines are still counted right") {
  auto rejects = rejects_of("Person",
                            "人员编号,机构,分值,出生日期,级别,备注,姓名\r\n"
                            "P1,O1,,1980-01-01,,\"第一行\r\n第二行\r\n第三行\",甲\r\n"
                            "\r\n"
                            "P2,O1,x,1980-01-01,,,\"乙\"\r\n");
  REQUIRE(rejects.size() == 2);
  CHECK(rejects[0].reason == "blank line");
  CHECK(rejects[0].line == 5);
  CHECK(rejects[1].line == 6);
  CHECK(rejects[1].column == 7);
  auto l = load({{"Person", "人员编号,机构,分值,出生日期,级别,备注,姓名\nP1,O1,,1980-01-01,,\"a\nb\",甲\n"}});
  REQUIRE(l->dataset);
  CHECK(text(*l->dataset, PERSON, P_NOTE, 0) == "a\nb");
  CHECK(l->dataset->inputs[PERSON].rows == 1);
}

TEST_CASE("a UTF-8 byte order mark is skipped") {
  auto l = load({{"Org", "\xEF\xBB\xBF机构编码,等级,启用\nO1,1,\nO2,2,\n"}});
  REQUIRE(l->dataset);
  CHECK(l->dataset->records[ORG].n_rows == 2);
  CHECK(l->dataset->rejects.empty());
}

TEST_CASE("GBK files are converted; bytes that are not GBK reject their row") {
  std::string dir = temp_dir("gbk");
  // "机构编码,等级,启用\nO1,1,\n医院,2,\n" in GBK, then a row with a lead byte and no trail byte.
  std::string gbk = "\xBB\xFA\xB9\xB9\xB1\xE0\xC2\xEB,\xB5\xC8\xBC\xB6,\xC6\xF4\xD3\xC3\nO1,1,\n\xD2\xBD\xD4\xBA,2,\n"
                    "\xD2\xBD\xD4,3,\n";
  write(dir + "/Org.csv", gbk);
  data::LoadOptions options;
  options.encoding = data::Encoding::Gbk;
  options.input_files["Org"] = dir + "/Org.csv";
  auto l = load({}, options);
  REQUIRE(l->dataset);
  const data::Dataset& d = *l->dataset;
  REQUIRE(d.records[ORG].n_rows == 2);
  CHECK(text(d, ORG, O_CODE, 1) == "医院");
  auto rejects = rejects_in(d, dir + "/Org.csv");
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0].line == 4);
  CHECK(rejects[0].column == 2);
  CHECK(rejects[0].reason == "invalid GBK");
  CHECK(d.inputs[ORG].file == dir + "/Org.csv");
}

TEST_CASE("auto reads each file as UTF-8 when it is valid UTF-8, else as GBK when valid GBK, else as UTF-8") {
  // "机构编码,等级,启用\nO1,1,\n医院,2,\n" in GBK.
  const std::string gbk = "\xBB\xFA\xB9\xB9\xB1\xE0\xC2\xEB,\xB5\xC8\xBC\xB6,\xC6\xF4\xD3\xC3\nO1,1,\n\xD2\xBD\xD4\xBA,2,\n";
  auto decoded = [](const std::string& bytes, data::Encoding& used) {
    std::string text, error;
    REQUIRE(data::decode_input(bytes, data::Encoding::Auto, text, used, error));
    return text;
  };
  data::Encoding used = data::Encoding::Auto;
  CHECK(decoded(gbk, used) == "机构编码,等级,启用\nO1,1,\n医院,2,\n");
  CHECK(used == data::Encoding::Gbk);
  CHECK(decoded("\xEF\xBB\xBF机构,1\n", used) == "\xEF\xBB\xBF机构,1\n");
  CHECK(used == data::Encoding::Utf8);
  // A lead byte with no trail byte is neither: read as UTF-8, so its row is rejected as invalid UTF-8.
  CHECK(decoded(gbk + "\xD2\xBD\xD4,3,\n", used) == gbk + "\xD2\xBD\xD4,3,\n");
  CHECK(used == data::Encoding::Utf8);

  std::string dir = temp_dir("auto");
  write(dir + "/Org.csv", gbk);
  data::LoadOptions options;
  options.input_files["Org"] = dir + "/Org.csv";
  auto l = load({}, options);
  REQUIRE(l->dataset);
  CHECK(text(*l->dataset, ORG, O_CODE, 1) == "医院");
  CHECK(l->dataset->inputs[ORG].encoding == "gbk");
  CHECK(l->dataset->inputs[PERSON].encoding == "utf-8");  // text given in memory is UTF-8
}

TEST_CASE("a header read in the wrong encoding says which encoding would match") {
  std::string dir = temp_dir("header_hint");
  write(dir + "/Org.csv", "\xBB\xFA\xB9\xB9\xB1\xE0\xC2\xEB,\xB5\xC8\xBC\xB6,\xC6\xF4\xD3\xC3\nO1,1,\n");
  write(dir + "/Org8.csv", "机构编码,等级,启用\nO1,1,\n");
  data::LoadOptions options;
  options.input_files["Org"] = dir + "/Org.csv";
  options.encoding = data::Encoding::Utf8;
  auto as_utf8 = load({}, options);
  CHECK_FALSE(as_utf8->dataset);
  CHECK(as_utf8->failure.message ==
        "header of " + dir + "/Org.csv does not match; it would match when read as GBK (--encoding gbk)");
  options.input_files["Org"] = dir + "/Org8.csv";
  options.encoding = data::Encoding::Gbk;
  auto as_gbk = load({}, options);
  CHECK_FALSE(as_gbk->dataset);
  CHECK(as_gbk->failure.message ==
        "header of " + dir + "/Org8.csv does not match; it would match when read as UTF-8 (--encoding utf-8)");
  // A header that is wrong in both encodings keeps the plain message.
  write(dir + "/Org9.csv", "编码,等级,启用\nO1,1,\n");
  options.input_files["Org"] = dir + "/Org9.csv";
  options.encoding = data::Encoding::Auto;
  auto wrong = load({}, options);
  CHECK_FALSE(wrong->dataset);
  CHECK(wrong->failure.message == dir + "/Org9.csv: missing column '机构编码' (field code of record Org)");
}

TEST_CASE("a missing column is fatal, naming the file and the column") {
  auto m = load({{"Person", "人员编号,机构,分值,级别,备注,姓名\nP1,O1,,,,甲\n"}});
  CHECK_FALSE(m->dataset);
  CHECK(m->failure.exit_code == 1);
  CHECK(m->failure.message == "Person.csv: missing column '出生日期' (field birth of record Person)");
  auto e = load({{"Org", ""}});
  CHECK_FALSE(e->dataset);
  CHECK(e->failure.message ==
        "Org.csv: missing column '机构编码' (field code of record Org); the file is empty, it needs a header row");
  auto twice = load({{"Org", "机构编码,等级,启用,等级\n"}});
  CHECK_FALSE(twice->dataset);
  CHECK(twice->failure.message == "Org.csv: column '等级' appears twice in the header (columns 2 and 4)");
}

TEST_CASE("a missing column of an optional field is a warning; its values are absent") {
  auto l = load({{"Person", "人员编号,机构,出生日期,姓名\nP1,O1,1980-01-01,甲\n"}});
  REQUIRE(l->dataset);
  CHECK(l->dataset->warnings.size() == 3);
  CHECK(l->dataset->warnings[0] == "Person.csv: no column '分值'; optional field score is absent in every row");
  CHECK(l->dataset->records[PERSON].present[P_SCORE][0] == 0);
}

TEST_CASE("an unreadable file is fatal") {
  data::LoadOptions options;
  options.input_files["Org"] = "/nonexistent/Org.csv";
  auto l = load({}, options);
  CHECK_FALSE(l->dataset);
  CHECK(l->failure.exit_code == 1);
  CHECK(l->failure.message == "cannot read /nonexistent/Org.csv: No such file or directory");
}

TEST_CASE("files come from the data folder as <Record>.csv") {
  std::string dir = temp_dir("folder");
  write(dir + "/Org.csv", kOrgCsv);
  write(dir + "/Person.csv", kPersonCsv);
  write(dir + "/Claim.csv", kClaimCsv);
  fides_pack pack = make_pack();
  data::LoadOptions options;
  options.data_dir = dir;
  data::LoadFailure failure;
  auto d = data::load_dataset(pack, options, failure);
  REQUIRE(d);
  CHECK(d->inputs[ORG].file == "Org.csv");
  CHECK(d->inputs[ORG].rows == 2);
  CHECK(d->inputs[ORG].sha256.size() == 64);
}

TEST_CASE("a blank line is a reject, so that every line is a row, a reject or the header") {
  auto l = load({{"Org", "机构编码,等级,启用\n\nO1,1,\n\n\nO2,x,\n"}});
  REQUIRE(l->dataset);
  CHECK(l->dataset->inputs[ORG].rows == 5);
  CHECK(l->dataset->inputs[ORG].lines == 6);
  auto rejects = rejects_in(*l->dataset, "Org.csv");
  REQUIRE(rejects.size() == 4);
  for (int i : {0, 1, 2}) CHECK(rejects[i].reason == "blank line");
  CHECK(rejects[0].line == 2);
  CHECK(rejects[3].line == 6);
}

TEST_CASE("usage mistakes in names are exit 2") {
  data::LoadOptions options;
  options.table_files["nope"] = "x.csv";
  auto l = load({}, options);
  CHECK_FALSE(l->dataset);
  CHECK(l->failure.exit_code == 2);
  CHECK(l->failure.message == "unknown table 'nope' in --table; the pack's tables are: codes, caps, days");
  data::LoadOptions records;
  records.input_files["Nobody"] = "x.csv";
  auto r = load({}, records);
  CHECK(r->failure.exit_code == 2);
  CHECK(r->failure.message == "unknown record 'Nobody' in --input; the pack's records are: Org, Person, Claim");
}
