#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <iterator>

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

TEST_CASE("an output name held by something other than a regular file is refused and left alone") {
  // Outputs are renamed into place, which would replace a device node itself.
  OutputFile f;
  CHECK_FALSE(f.open("/dev/full"));
  CHECK(f.error() == "cannot write /dev/full: it exists and is not a regular file");
  struct stat st;
  REQUIRE(::stat("/dev/full", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("an output is written under a temporary name and renamed into place only when complete") {
  std::string dir = fides::test::fresh_dir("output_rename");
  fides::test::write_file(dir + "/x.csv", "earlier\n");
  {
    OutputFile f;
    REQUIRE(f.open(dir + "/x.csv"));
    f.write("new\n");
    CHECK(fides::test::read_file(dir + "/x.csv") == "earlier\n");
    CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 2);  // x.csv and its temporary
    CHECK(f.close());
  }
  CHECK(fides::test::read_file(dir + "/x.csv") == "new\n");
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
  {
    OutputFile abandoned;  // never closed: as when a write fails midway
    REQUIRE(abandoned.open(dir + "/y.csv"));
    abandoned.write("half");
  }
  CHECK_FALSE(std::filesystem::exists(dir + "/y.csv"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
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
