// Which files a pack may read (support/file_access.h): resolved folders,
// checks by stat before opening, reads bounded by the limit.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/file_access.h"

using namespace fides;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path path;
  Folder() {
    path = fs::temp_directory_path() / ("fides_file_access_test_" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
    path = fs::canonical(path);
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

}  // namespace

TEST_CASE("the allowed folders are the main file's, the standard library's and the allowed ones, resolved") {
  Folder f;
  f.write("pack/main.fides", "");
  f.write("stdlib/std/s.fides", "");
  f.write("shared/t.csv", "");
  f.write("pack2/x.fides", "");
  fs::create_directory_symlink(f.path / "shared", f.path / "link_to_shared");
  FileAccess access((f.path / "pack/main.fides").string(), (f.path / "stdlib").string(),
                    {(f.path / "link_to_shared").string()});
  CHECK(access.allows(f.path / "pack/main.fides"));
  CHECK(access.allows(f.path / "pack/sub/x.csv"));
  CHECK(access.allows(f.path / "stdlib/std/s.fides"));
  CHECK(access.allows(f.path / "shared/t.csv"));         // allowed through a symlinked folder
  CHECK_FALSE(access.allows(f.path / "pack2/x.fides"));  // a sibling whose name starts alike
  CHECK_FALSE(access.allows(f.path / "pack"));            // the folder itself is no file in it
  CHECK_FALSE(access.allows("/etc/passwd"));
}

TEST_CASE("check_file tells each kind of file a pack may not read, without opening it") {
  Folder f;
  f.write("pack/main.fides", "");
  fs::path ok = f.write("pack/ok.csv", "code\nA\n");
  FileAccess access((f.path / "pack/main.fides").string(), "", {});

  CheckedFile c = check_file(f.path / "pack/sub/../ok.csv", &access, 100);
  CHECK(c.problem == FileProblem::missing);  // `sub` does not exist: resolved as the system does
  c = check_file(f.path / "pack/./ok.csv", &access, 100);
  CHECK(c.problem == FileProblem::none);
  CHECK(c.resolved == ok);
  CHECK(c.size == 7);
  CHECK(check_file(ok, &access, 6).problem == FileProblem::too_large);
  CHECK(check_file(f.path / "pack/nope.csv", &access, 100).problem == FileProblem::missing);

  fs::create_directory(f.path / "pack/dir.csv");
  c = check_file(f.path / "pack/dir.csv", &access, 100);
  CHECK(c.problem == FileProblem::not_regular);
  CHECK(c.kind == FileKind::directory);
  REQUIRE(::mkfifo((f.path / "pack/pipe.csv").c_str(), 0600) == 0);
  c = check_file(f.path / "pack/pipe.csv", &access, 100);  // would block if it were opened
  CHECK(c.problem == FileProblem::not_regular);
  CHECK(c.kind == FileKind::fifo);
  c = check_file("/dev/null", nullptr, 100);
  CHECK(c.problem == FileProblem::not_regular);
  CHECK(c.kind == FileKind::character_device);

  fs::create_symlink("b.csv", f.path / "pack/a.csv");
  fs::create_symlink("a.csv", f.path / "pack/b.csv");
  CHECK(check_file(f.path / "pack/a.csv", &access, 100).problem == FileProblem::symlink_loop);
  fs::create_symlink("gone.csv", f.path / "pack/dangling.csv");
  CHECK(check_file(f.path / "pack/dangling.csv", &access, 100).problem == FileProblem::missing);

  fs::path outside = f.write("elsewhere/x.csv", "x");
  CHECK(check_file(outside, &access, 100).problem == FileProblem::outside);
  CHECK(check_file(outside, nullptr, 100).problem == FileProblem::none);
  fs::create_symlink(outside, f.path / "pack/inside_link.csv");
  c = check_file(f.path / "pack/inside_link.csv", &access, 100);
  CHECK(c.problem == FileProblem::outside);  // a symlink inside the folder to a file outside it
  CHECK(c.resolved == outside);
}

TEST_CASE("read_checked_file reads the file and never past the limit") {
  Folder f;
  fs::path p = f.write("t.csv", "0123456789");
  CheckedFile c = check_file(p, nullptr, 20);
  REQUIRE(c.problem == FileProblem::none);
  std::string text;
  CHECK(read_checked_file(c, 20, text));
  CHECK(text == "0123456789");
  // The file grew past the limit between the check and the read.
  std::ofstream(p, std::ios::binary | std::ios::app) << std::string(100, 'x');
  CHECK_FALSE(read_checked_file(c, 20, text));
  CHECK(c.problem == FileProblem::too_large);
  // The file became a symlink after the check: not followed.
  CheckedFile d = check_file(f.write("u.csv", "u"), nullptr, 20);
  fs::remove(f.path / "u.csv");
  fs::create_symlink(p, f.path / "u.csv");
  CHECK_FALSE(read_checked_file(d, 20, text));
  CHECK(d.problem == FileProblem::unreadable);
}
