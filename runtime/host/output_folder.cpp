#include "host/output_folder.h"

#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

namespace fides::host {
namespace {
namespace fs = std::filesystem;

fs::path resolved(const std::string& p) {
  std::error_code ec;
  fs::path absolute = fs::absolute(p, ec);
  fs::path c = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : c.lexically_normal();
}

// `inner` is `outer` or lies somewhere below it.
bool within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin(), o = outer.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}
}  // namespace

bool check_output_folder(const std::string& out_dir, const data::LoadOptions& load, std::string& error) {
  std::vector<std::pair<std::string, std::string>> inputs;  // (what, path)
  if (!load.data_dir.empty()) inputs.emplace_back("the --data folder", load.data_dir);
  for (const auto& [record, file] : load.input_files) inputs.emplace_back("the input file of " + record, file);
  for (const auto& [table, file] : load.table_files) inputs.emplace_back("the file of table " + table, file);
  fs::path out = resolved(out_dir.empty() ? "." : out_dir);
  for (const auto& [what, path] : inputs) {
    fs::path in = resolved(path);
    const char* how = out == in ? "is" : within(out, in) ? "lies inside" : within(in, out) ? "contains" : nullptr;
    if (!how) continue;
    error = "--out " + out_dir + " " + how + " " + what + " (" + path +
            "); choose an output folder apart from the inputs, so that a run never writes where it reads";
    return false;
  }
  return true;
}

void remove_leftover_temporaries(const std::string& out_dir) {
  static const char* const kOutputs[] = {"findings.csv", "scores.csv", "errors.csv", "rejects.csv", "run.json"};
  std::error_code ec;
  for (fs::directory_iterator it(out_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    for (const char* output : kOutputs)
      if (name.rfind(std::string(output) + ".partial-", 0) == 0 && it->is_regular_file(ec)) fs::remove(it->path(), ec);
  }
}

bool make_output_folder(const std::string& dir, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    error = "cannot create output folder " + dir + ": " + (ec ? ec.message() : "not a folder");
    return false;
  }
  return true;
}

}  // namespace fides::host
