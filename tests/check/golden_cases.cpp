#include "golden_cases.h"

#include <algorithm>
#include <filesystem>

#include "driver/front_end.h"

namespace fides::golden {
namespace fs = std::filesystem;

Case make_case(std::string name, std::string main_path, const std::string& expected_stem, bool must_fail,
               std::string generated_root) {
  return {std::move(name), std::move(main_path), expected_stem + ".expected", expected_stem + ".zh.expected",
          must_fail, std::move(generated_root)};
}

std::vector<Case> find_cases(const std::string& dir) {
  std::vector<Case> cases;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    bool fail = name.rfind("fail_", 0) == 0;
    bool ok = name.rfind("ok_", 0) == 0;
    if (!fail && !ok) continue;
    if (entry.is_directory()) {
      cases.push_back(make_case(name, name + "/main.fides", name, fail));
    } else if (entry.path().extension() == ".fides") {
      std::string stem = entry.path().stem().string();
      cases.push_back(make_case(stem, name, stem, fail));
    }
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

namespace {
// Absolute paths differ between machines; the expected files name the folders.
void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}
}  // namespace

Outcome run_case(const Case& c, const std::string& stdlib_dir) {
  auto fe = driver::run_front_end(c.main_path, stdlib_dir);
  Outcome out;
  for (const Diagnostic& d : fe->diags.sorted()) {
    out.text += render_text(d, fe->sources, Lang::en);
    out.text_zh += render_text(d, fe->sources, Lang::zh);
    out.codes.emplace_back(diag_code(d.kind));
  }
  for (std::string* text : {&out.text, &out.text_zh}) {
    replace_all(*text, fs::canonical(stdlib_dir).string(), "<stdlib>");
    if (!c.generated_root.empty()) replace_all(*text, c.generated_root, "<generated>");
    replace_all(*text, fs::current_path().string(), "<tests/check>");
  }
  out.errors = fe->diags.error_count();
  return out;
}

}  // namespace fides::golden
