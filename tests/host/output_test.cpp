#include <doctest/doctest.h>

#include "host/output_file.h"
#include "host/run_json.h"
#include "test_support.h"

using fides::host::append_csv_cell;
using fides::host::OutputFile;

TEST_CASE("CSV cells are quoted only when they need it") {
  auto cell = [](std::string_view s) {
    std::string out;
    append_csv_cell(out, s);
    return out;
  };
  CHECK(cell("plain 文本") == "plain 文本");
  CHECK(cell("") == "");
  CHECK(cell("a,b") == "\"a,b\"");
  CHECK(cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(cell("two\nlines") == "\"two\nlines\"");
  CHECK(cell("cr\r") == "\"cr\r\"");
}

TEST_CASE("an output file writes rows and reports success") {
  std::string dir = fides::test::fresh_dir("output_file");
  OutputFile f;
  REQUIRE(f.open(dir + "/x.csv"));
  f.write("a,b\n");
  f.csv_row({"1", "x,y"});
  CHECK(f.close());
  CHECK(fides::test::read_file(dir + "/x.csv") == "a,b\n1,\"x,y\"\n");
}

TEST_CASE("a full disk is reported, not ignored") {
  OutputFile f;
  REQUIRE(f.open("/dev/full"));
  f.write("some text\n");
  CHECK_FALSE(f.close());
  CHECK(f.error().find("No space left on device") != std::string::npos);
  CHECK(f.error().find("/dev/full") != std::string::npos);
}

TEST_CASE("a file that cannot be created is reported") {
  OutputFile f;
  CHECK_FALSE(f.open("/nonexistent-dir/x.csv"));
  CHECK_FALSE(f.close());
  CHECK(f.error().find("cannot create /nonexistent-dir/x.csv") != std::string::npos);
}

TEST_CASE("JSON strings are escaped and kept UTF-8") {
  using fides::host::json_string;
  CHECK(json_string("机构\"a\"\\\n\t") == "\"机构\\\"a\\\"\\\\\\n\\t\"");
  CHECK(json_string(std::string("\x01", 1)) == "\"\\u0001\"");
  CHECK(json_string("\xff") == "\"\xEF\xBF\xBD\"");
}
