// Loading a pack from disk: imports depth-first, each file once, cycles,
// missing files, the pack header, and declaration order.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>

#include "helpers.h"
#include "syntax/load_pack.h"

using namespace fides;
using namespace fides::test;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the system temp folder, removed at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("fides_syntax_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

struct Loaded {
  SourceManager sm;
  ast::Module module;
  Diagnostics diags;
};

std::unique_ptr<Loaded> load(const std::string& main, const std::string& stdlib = "") {
  auto l = std::make_unique<Loaded>();
  syntax::load_pack(main, syntax::LoadOptions{stdlib}, l->sm, l->module, l->diags);
  return l;
}

std::vector<std::string> let_names(const ast::Module& m) {
  std::vector<std::string> out;
  for (const auto& l : m.lets) out.push_back(l.name.text);
  return out;
}

}  // namespace

TEST_CASE("imports are loaded depth-first, each once, imports before importers") {
  TempDir d;
  d.write("lib/b.fides", "import \"c.fides\"\nlet b = c + 1\n");
  d.write("lib/c.fides", "let c = 2\n");
  d.write("a.fides", "import \"lib/c.fides\"\nlet a = 1\n");
  d.write("stdlib/std/s.fides", "let s = 3\n");
  d.write("stdlib/t.fides", "let t = 4\n");
  std::string main = d.write("main.fides",
                             "pack \"p\" version \"1\"\n"
                             "import \"a.fides\"\n"
                             "import \"lib/b.fides\"\n"
                             "import \"std/s.fides\"\n"
                             "import \"std/t.fides\"\n"
                             "let m = a + b + s\n");
  auto l = load(main, (d.path / "stdlib").string());
  INFO(rendered(l->diags, l->sm));
  CHECK(l->diags.all().empty());
  CHECK(let_names(l->module) == std::vector<std::string>{"c", "a", "b", "s", "t", "m"});
  REQUIRE(l->module.files.size() == 6);
  CHECK(l->sm.size() == 6);  // c.fides read once
  CHECK(l->module.files.back().header.has_value());
  CHECK(l->sm.path(l->module.files.back().id) == main);
  // expression ids were renumbered when the files were spliced
  const ast::Expr& m = l->module.expr(l->module.lets[5].value);
  CHECK(m.kind == ast::ExprKind::binary);
  CHECK(l->module.expr(m.kids[1]).name == "s");
  const ast::Expr& b = l->module.expr(l->module.lets[2].value);
  CHECK(l->module.expr(b.kids[0]).name == "c");
  Span bs = l->module.span(l->module.lets[2].value);
  CHECK(l->sm.text(bs.file).substr(bs.begin, bs.end - bs.begin) == "c + 1");
  // the AST printer walks the spliced module
  CHECK(ast::print_module(l->module).find("let m\n  binary +\n") != std::string::npos);
}

TEST_CASE("an import cycle is reported at the import that closes it, with the chain") {
  TempDir d;
  d.write("b.fides", "import \"c.fides\"\nlet b = 1\n");
  d.write("c.fides", "let c = 1\nimport \"b.fides\"\n");
  std::string main = d.write("a.fides", "pack \"p\" version \"1\"\nimport \"b.fides\"\n");
  auto l = load(main);
  CHECK(codes(l->diags, l->sm) == std::vector<std::string>{"E0050 2:8"});
  const Diagnostic& diag = l->diags.all()[0];
  CHECK(l->sm.path(diag.span.file).find("c.fides") != std::string::npos);
  REQUIRE(diag.notes.size() == 1);
  // Files are named the way the main file was (here by its full path).
  std::string dir = d.path.string() + "/";
  CHECK(diag.notes[0].message.en ==
        "the cycle: " + dir + "b.fides → " + dir + "c.fides → " + dir + "b.fides");
  CHECK(let_names(l->module) == std::vector<std::string>{"c", "b"});

  TempDir e;
  std::string self = e.write("self.fides", "pack \"p\" version \"1\"\nimport \"self.fides\"\n");
  auto s = load(self);
  CHECK(codes(s->diags, s->sm) == std::vector<std::string>{"E0050 2:8"});
  CHECK(s->diags.all()[0].notes[0].message.en ==
        "the cycle: " + self + " → " + self);
}

TEST_CASE("a missing import is reported at its path string") {
  TempDir d;
  std::string main = d.write("a.fides", "pack \"p\" version \"1\"\nimport \"nope.fides\"\nlet a = 1\n");
  auto l = load(main);
  CHECK(codes(l->diags, l->sm) == std::vector<std::string>{"E0100 2:8"});
  CHECK(l->diags.all()[0].message.en == "cannot find imported file 'nope.fides'");
  CHECK(l->module.lets.size() == 1);
}

TEST_CASE("an unreadable main file names the path") {
  auto l = load("/nonexistent/dir/main.fides");
  REQUIRE(l->diags.all().size() == 1);
  CHECK(l->diags.all()[0].kind == DiagKind::cannot_read_file);
  CHECK(l->diags.all()[0].message.en.find("/nonexistent/dir/main.fides") != std::string::npos);
  CHECK(l->module.files.empty());
  TempDir d;
  auto dir = load(d.path.string());
  CHECK(dir->diags.all()[0].kind == DiagKind::cannot_read_file);
}

TEST_CASE("exactly the main file has the pack header") {
  TempDir d;
  d.write("lib.fides", "pack \"lib\" version \"1\"\nlet x = 1\n");
  std::string main = d.write("main.fides", "# no header\n\n  import \"lib.fides\"\n");
  auto l = load(main);
  CHECK(codes(l->diags, l->sm) == std::vector<std::string>{"E0051 3:3", "E0052 1:1"});
}

TEST_CASE("a broken pack header is one error, not also a missing header") {
  TempDir d;
  std::string main = d.write("main.fides", "pack \"p\"\nlet x = 1\n");
  auto l = load(main);
  CHECK(codes(l->diags, l->sm) == std::vector<std::string>{"E0020 2:1"});
}

TEST_CASE("a file with invalid UTF-8 is reported and the pack still loads") {
  TempDir d;
  d.write("bad.fides", "let x = \"\xFE\"\n");
  std::string main = d.write("main.fides", "pack \"p\" version \"1\"\nimport \"bad.fides\"\nlet y = 1\n");
  auto l = load(main);
  CHECK(codes(l->diags, l->sm) == std::vector<std::string>{"E0002 1:10"});
  CHECK(l->module.files.size() == 2);
  CHECK(let_names(l->module) == std::vector<std::string>{"x", "y"});  // the byte was inside a string
}

TEST_CASE("a parse cache keeps FileIds and parses only the files that changed") {
  TempDir d;
  std::string lib = d.write("lib.fides", "let x = 1\nlet y = \n");
  std::string main = d.write("main.fides", "pack \"p\" version \"1\"\nimport \"lib.fides\"\nlet m = x\n");
  syntax::ParseCache cache;
  auto load_cached = [&](const std::map<std::string, std::string>* unsaved) {
    auto l = std::make_unique<Loaded>();
    syntax::load_pack(main, syntax::LoadOptions{"", {}, unsaved}, cache, l->module, l->diags);
    return l;
  };
  auto first = load_cached(nullptr);
  CHECK(codes(first->diags, cache.sources()) == std::vector<std::string>{"E0020 3:1"});
  REQUIRE(first->module.files.size() == 2);
  FileId lib_id = first->module.files[0].id, main_id = first->module.files[1].id;

  // The same texts again: the same files, the same diagnostics, no new registrations.
  auto again = load_cached(nullptr);
  CHECK(codes(again->diags, cache.sources()) == std::vector<std::string>{"E0020 3:1"});
  CHECK(let_names(again->module) == std::vector<std::string>{"x", "m"});
  CHECK(cache.sources().size() == 2);

  // An unsaved text for the import stands for the file on disk, under the same FileId.
  std::map<std::string, std::string> unsaved{
      {fs::weakly_canonical(lib).string(), "let x = 1\nlet y = 2\nlet z = y\n"}};
  auto edited = load_cached(&unsaved);
  CHECK(edited->diags.all().empty());
  CHECK(let_names(edited->module) == std::vector<std::string>{"x", "y", "z", "m"});
  CHECK(edited->module.files[0].id == lib_id);
  CHECK(edited->module.files[1].id == main_id);
  CHECK(cache.sources().size() == 2);
  Span z = edited->module.span(edited->module.lets[2].value);
  CHECK(cache.sources().text(z.file).substr(z.begin, z.end - z.begin) == "y");
  // The main file's expressions are renumbered after the import's new ones.
  CHECK(edited->module.expr(edited->module.lets[3].value).name == "x");

  // What a fresh load says, the cached one says too.
  auto fresh = std::make_unique<Loaded>();
  syntax::load_pack(main, syntax::LoadOptions{"", {}, &unsaved}, fresh->sm, fresh->module, fresh->diags);
  CHECK(let_names(fresh->module) == let_names(edited->module));
  CHECK(fresh->module.exprs.size() == edited->module.exprs.size());
}

TEST_CASE("whether a file starts with a pack header") {
  CHECK(syntax::starts_with_pack_header("pack \"p\" version \"1\"\n"));
  CHECK(syntax::starts_with_pack_header("\xEF\xBB\xBF# comment\n\n  pack\"p\""));
  CHECK(syntax::starts_with_pack_header("pack"));
  CHECK_FALSE(syntax::starts_with_pack_header("package \"p\""));
  CHECK_FALSE(syntax::starts_with_pack_header("import \"a.fides\"\npack \"p\" version \"1\""));
  CHECK_FALSE(syntax::starts_with_pack_header(""));
}
