#include "generated_cases.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <string>

#include "support/file_access.h"

namespace fides::golden {
namespace fs = std::filesystem;

namespace {

// A file of `bytes` zero bytes that takes no disk space.
void write_sparse(const fs::path& p, uintmax_t bytes) {
  std::ofstream(p, std::ios::binary).flush();
  fs::resize_file(p, bytes);
}

}  // namespace

GeneratedCases::GeneratedCases() {
  root_ = fs::temp_directory_path() / ("fides_generated_cases_" + std::to_string(::getpid()));
  fs::remove_all(root_);
  auto add = [&](const std::string& name, const std::string& main_text) {
    fs::path dir = root_ / name;
    fs::create_directories(dir);
    std::ofstream(dir / "main.fides", std::ios::binary) << main_text;
    cases_.push_back(make_case(name, (dir / "main.fides").string(), "generated/" + name, true, root_.string()));
    return dir;
  };
  fs::path dir = add("fail_limit_source_too_large",
                     "# expect: the imported big.fides has 16 MiB and one byte, over the limit, at line 3, "
                     "column 8 (`\"big.fides\"`); it is never read\n"
                     "pack \"limit_source_too_large\" version \"0.1\"\n"
                     "import \"big.fides\"\n");
  write_sparse(dir / "big.fides", kMaxSourceBytes + 1);
  dir = add("fail_limit_table_too_large",
            "# expect: the table file big.csv has 256 MiB and one byte, over the limit, at line 3, "
            "column 29 (`\"big.csv\"`); it is never read\n"
            "pack \"limit_table_too_large\" version \"0.1\"\n"
            "table codes: set<text> from \"big.csv\" column \"c\"\n");
  write_sparse(dir / "big.csv", kMaxTableBytes + 1);
  dir = add("fail_limit_table_fifo",
            "# expect: the table file pipe.csv is a FIFO, not a regular file, at line 3, column 29 "
            "(`\"pipe.csv\"`); it is never opened, so checking cannot wait for a writer\n"
            "pack \"limit_table_fifo\" version \"0.1\"\n"
            "table codes: set<text> from \"pipe.csv\" column \"c\"\n");
  if (::mkfifo((dir / "pipe.csv").c_str(), 0600) != 0) throw std::runtime_error("mkfifo failed");
}

GeneratedCases::~GeneratedCases() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

}  // namespace fides::golden
