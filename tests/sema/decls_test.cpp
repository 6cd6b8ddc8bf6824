// Records, params, tables, defs and global lets.
#include <filesystem>
#include <fstream>

#include "ast_builder.h"

using namespace fides;
using namespace fides::test;
using ast::BinaryOp;

TEST_CASE("the spec's schema checks, with keys, references and via collections") {
  Builder b;
  b.schema();
  auto& p = b.run();
  b.expect_clean();
  REQUIRE(p.records.size() == 4);
  const sema::Record& person = p.records[1];
  CHECK(person.name == "Person");
  CHECK(person.key_field == 0);
  CHECK(sema::type_name(p, person.fields[3].type) == "date?");
  const sema::Field& settlements = person.fields[4];
  CHECK(sema::type_name(p, settlements.type) == "[Settlement]");
  CHECK(settlements.via_record.index == 2);
  CHECK(settlements.via_field == 1);
  CHECK(sema::type_name(p, p.records[2].fields[1].type) == "Person");
  CHECK(p.records[2].fields[1].column == "person");
}

TEST_CASE("duplicate records and fields are reported with a note at the first") {
  Builder b;
  b.record("A", "id", {b.fld("id", b.ty("text")), b.fld("id", b.ty("int"))});
  b.record("A", "id", {b.fld("id", b.ty("text"))});
  b.run();
  auto codes = b.codes();
  REQUIRE(codes.size() == 2);
  CHECK(codes[0] == "E0101");
  CHECK(codes[1] == "E0101");
  CHECK(b.diags.all()[0].message.en == "record 'A' is declared more than once");
  CHECK(b.diags.all()[1].message.en == "field 'id' is declared more than once");
  REQUIRE(b.diags.all()[0].notes.size() == 1);
  CHECK(b.diags.all()[0].notes[0].message.en == "first declared here");
}

TEST_CASE("a key must name a field, with did-you-mean") {
  Builder b;
  b.record("P", "idd", {b.fld("id", b.ty("text"))});
  b.run();
  auto& d = b.only_error();
  CHECK(diag_code(d.kind) == "E0110");
  CHECK(b.text(d.span) == "idd");
  CHECK(d.help.en == "did you mean 'id'?");
}

TEST_CASE("an optional key is rejected") {
  Builder b;
  b.record("P", "id", {b.fld("id", b.ty("text", true))});
  b.run();
  CHECK(diag_code(b.only_error().kind) == "E0111");
}

TEST_CASE("unknown field types suggest a record or type") {
  Builder b;
  b.record("Person", "id", {b.fld("id", b.ty("text"))});
  b.record("S", "id", {b.fld("id", b.ty("text")), b.fld("p", b.ty("Persn")), b.fld("n", b.ty("inte"))});
  b.run();
  auto codes = b.codes();
  REQUIRE(codes == std::vector<std::string>{"E0106", "E0106"});
  CHECK(b.diags.all()[0].help.en == "did you mean 'Person'?");
  CHECK(b.diags.all()[1].help.en == "did you mean 'int'?");
}

TEST_CASE("via must name a reference field back to this record") {
  Builder b;
  b.record("I", "id", {b.fld("id", b.ty("text")), b.fld("ss", b.list("S"), "person")});
  b.record("P", "id", {b.fld("id", b.ty("text")), b.fld("ss", b.list("S"), "persn"),
                       b.fld("kinds", b.list("S"), "kind")});
  b.record("S", "id", {b.fld("id", b.ty("text")), b.fld("person", b.ty("P")), b.fld("kind", b.ty("text"))});
  b.run();
  auto codes = b.codes();
  REQUIRE(codes == std::vector<std::string>{"E0113", "E0112", "E0113"});
  CHECK(b.text(b.diags.all()[0].span) == "person");
  CHECK(b.diags.all()[0].message.en == "field 'person' of record S has type P, not a reference to I");
  CHECK(b.diags.all()[1].help.en == "did you mean 'person'?");
}

TEST_CASE("collection fields need via, and only they take it") {
  Builder b;
  b.record("P", "id", {b.fld("id", b.ty("text")), b.fld("ss", b.list("S")), b.fld("x", b.ty("S"), "p")});
  b.record("S", "id", {b.fld("id", b.ty("text")), b.fld("p", b.ty("P"))});
  b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0114", "E0115"});
}

TEST_CASE("params: defaults are literals of the declared type") {
  Builder b;
  auto param = [&](const std::string& n, ast::TypeRef t, ast::ExprId v) {
    ast::ParamDecl p;
    p.name = b.id(n);
    p.type = std::move(t);
    p.default_value = v;
    b.m.params.push_back(p);
  };
  param("days", b.ty("int"), b.int_(15));
  param("rate", b.ty("money"), b.int_(45));
  param("neg", b.ty("decimal"), b.un(ast::UnaryOp::neg, b.dec("1.5", 1500000)));
  param("bad", b.ty("date"), b.str("2024"));
  param("opt", b.ty("int", true), b.int_(1));
  auto& p = b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0421", "E0420"});
  CHECK(b.diags.all()[0].message.en == "default of param 'bad' must be a literal of type date, found a text");
  CHECK(p.params[0].default_value.i == 15);
  CHECK(p.params[1].default_value == sema::Value::of_int(sema::TypeKind::money, 45000000));
  CHECK(p.params[2].default_value.i == -1500000);
}

namespace {
std::string temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("fides_sema_" + name);
  std::filesystem::create_directories(dir / "tables");
  return dir.string();
}
void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

ast::TableDecl& from_table(Builder& b, const std::string& n, ast::TypeRef t, const std::string& from,
                           const std::string& column = "", const std::string& key = "", const std::string& value = "") {
  ast::TableDecl d;
  d.name = b.id(n);
  d.type = std::move(t);
  d.from = b.str_lit(from);
  if (!column.empty()) d.column = b.str_lit(column);
  if (!key.empty()) d.key = b.str_lit(key);
  if (!value.empty()) d.value = b.str_lit(value);
  d.span = d.name.span;
  b.m.tables.push_back(std::move(d));
  return b.m.tables.back();
}
}  // namespace

TEST_CASE("tables are read relative to the declaring file, with a header row") {
  std::string dir = temp_dir("tables_ok");
  write(dir + "/tables/female.csv", "\xEF\xBB\xBF项目编码,名称\nF001,阴道镜\n\"F002\",\"宫颈, 涂片\"\nF001,重复\n");
  write(dir + "/tables/cap.csv", "项目编码,最高限价\r\nA1,12.5\r\nA2,45\r\n");
  Builder b(dir + "/main.fides");
  from_table(b, "female_only", b.set("text"), "tables/female.csv", "项目编码");
  from_table(b, "price_cap", b.map("text", "money"), "tables/cap.csv", "", "项目编码", "最高限价");
  auto& p = b.run();
  b.expect_clean();
  REQUIRE(p.tables[0].keys.size() == 2);  // the repeated F001 is dropped
  CHECK(p.tables[0].keys[1].text == "F002");
  CHECK(p.tables[0].source_path == dir + "/tables/female.csv");
  REQUIRE(p.tables[1].values.size() == 2);
  CHECK(p.tables[1].values[0].i == 12500000);
  CHECK(p.tables[1].values[1].i == 45000000);
  CHECK(sema::type_name(p, p.tables[1].type) == "map<text, money>");
}

TEST_CASE("table errors name the file, line, column and the columns that exist") {
  std::string dir = temp_dir("tables_bad");
  write(dir + "/tables/cap.csv", "code,cap\nA1,12.5\nA2,abc\nA3\n\"A4,1\n");
  write(dir + "/tables/codes.csv", "code,name\nX,y\n");
  Builder b(dir + "/main.fides");
  from_table(b, "cap", b.map("text", "money"), "tables/cap.csv", "", "code", "cap");
  from_table(b, "codes", b.set("text"), "tables/codes.csv", "编码");
  from_table(b, "missing", b.set("text"), "tables/nope.csv", "x");
  b.run();
  auto codes = b.codes();
  REQUIRE(codes == std::vector<std::string>{"E0404", "E0408", "E0402", "E0403", "E0401"});
  auto& all = b.diags.all();
  CHECK(all[0].message.en == "table file '" + dir + "/tables/cap.csv' line 3 column 4: 'abc' is not a valid money");
  CHECK(all[1].message.en == "table file '" + dir + "/tables/cap.csv' line 4 has 1 cell(s), but the header has 2");
  CHECK(all[2].message.en.find("line 5") != std::string::npos);
  CHECK(all[3].help.en == "its columns are 'code', 'name'");
  CHECK(b.text(all[3].span) == "\"编码\"");
}

TEST_CASE("inline tables: elements must be constants of the element type") {
  Builder b;
  ast::TableDecl d;
  d.name = b.id("exclusive");
  d.type = b.set("text");
  d.inline_value = b.set_lit({b.str("A001|A002"), b.int_(3)});
  b.m.tables.push_back(d);
  ast::TableDecl m;
  m.name = b.id("caps");
  m.type = b.map("text", "money");
  m.inline_value = b.set_lit({b.str("A"), b.int_(3), b.str("B"), b.dec("1.5", 1500000), b.str("A"), b.int_(1)},
                             ast::ExprKind::map_lit);
  b.m.tables.push_back(m);
  auto& p = b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0406", "E0410"});
  CHECK(p.tables[0].keys.size() == 1);
  REQUIRE(p.tables[1].keys.size() == 2);
  CHECK(p.tables[1].values[0].i == 3000000);
}

TEST_CASE("a table type must be a set or map") {
  Builder b;
  ast::TableDecl d;
  d.name = b.id("t");
  d.type = b.ty("text");
  d.inline_value = b.set_lit({b.str("a")});
  b.m.tables.push_back(d);
  b.run();
  CHECK(diag_code(b.only_error().kind) == "E0400");
}

TEST_CASE("defs: typed parameters, result checked, recursion reported with its cycle") {
  Builder b;
  b.schema();
  ast::DefDecl age;
  age.name = b.id("age_on");
  age.params = {{b.id("p"), b.ty("Person")}, {b.id("d"), b.ty("date")}};
  age.result = b.ty("int");
  age.body = b.call("years_between", {b.path("p.birth"), b.name("d")});
  b.m.defs.push_back(age);
  ast::DefDecl f;
  f.name = b.id("f");
  f.params = {{b.id("n"), b.ty("int")}};
  f.result = b.ty("int");
  f.body = b.call("g", {b.name("n")});
  b.m.defs.push_back(f);
  ast::DefDecl g;
  g.name = b.id("g");
  g.params = {{b.id("n"), b.ty("int")}};
  g.result = b.ty("int");
  g.body = b.bin(BinaryOp::add, b.call("f", {b.name("n")}), b.int_(1));
  b.m.defs.push_back(g);
  ast::DefDecl bad;
  bad.name = b.id("bad");
  bad.result = b.ty("int");
  bad.body = b.str("x");
  b.m.defs.push_back(bad);
  auto& p = b.run();
  auto codes = b.codes();
  REQUIRE(codes == std::vector<std::string>{"E0214", "E0109"});
  CHECK(b.diags.all()[1].message.en == "'f' depends on itself: f → g → f");
  CHECK(b.type_of(age.body) == "int");
  CHECK(p.resolution(b.m.expr(age.body).kids[1]).kind == sema::RefKind::def_param);
}

TEST_CASE("a def may not take a builtin's name; global lets come before their uses") {
  Builder b;
  ast::DefDecl len;
  len.name = b.id("len");
  len.result = b.ty("int");
  len.body = b.int_(1);
  b.m.defs.push_back(len);
  b.m.lets.push_back(b.let_("a", [&] { return b.bin(BinaryOp::add, b.name("bb"), b.int_(1)); }));
  b.m.lets.push_back(b.let_("bb", [&] { return b.int_(2); }));
  b.m.lets.push_back(b.let_("c", [&] { return b.bin(BinaryOp::div, b.name("bb"), b.int_(2)); }));
  auto& p = b.run();
  CHECK(b.codes() == std::vector<std::string>{"E0108", "E0107"});
  CHECK(sema::type_name(p, p.lets[2].type) == "decimal");
  CHECK(p.conversions[b.m.lets[2].value.index].has_value() == false);
  auto kid = b.m.expr(b.m.lets[2].value).kids[0];
  REQUIRE(p.conversions[kid.index].has_value());
  CHECK(p.conversions[kid.index]->kind == sema::TypeKind::decimal);
}
