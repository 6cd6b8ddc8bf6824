#include "diff/diff_command.h"

#include <string>

#include "diff/compare.h"
#include "diff/diff_files.h"
#include "diff/diff_text.h"
#include "diff/pack_results.h"
#include "host/options.h"
#include "host/output_folder.h"
#include "host/pack_library.h"

namespace fides::diff {
namespace {
constexpr const char* kUsage =
    "usage: fides diff OLD.so NEW.so --data DIR [--out DIR] [--exit-code] [fides-score options]\n"
    "  --out DIR     also write diff_findings.csv and diff_scores.csv there\n"
    "  --exit-code   exit 1 when the packs' results differ (else 0 either way)\n";

// A --param, --table or --input name that neither pack declares is a mistake,
// not something to drop silently.
bool check_names(const data::LoadOptions& given, const fides_pack& a, const fides_pack& b, std::string& error) {
  auto unknown = [&](const char* option, const std::string& name) {
    error = std::string(option) + " " + name + ": neither pack declares it";
    return false;
  };
  data::LoadOptions for_a = options_for(a, given), for_b = options_for(b, given);
  for (const auto& [name, value] : given.params) {
    auto has = [&](const data::LoadOptions& o) {
      for (const auto& p : o.params)
        if (p.first == name) return true;
      return false;
    };
    if (!has(for_a) && !has(for_b)) return unknown("--param", name);
  }
  for (const auto& [name, file] : given.table_files)
    if (!for_a.table_files.count(name) && !for_b.table_files.count(name)) return unknown("--table", name);
  for (const auto& [name, file] : given.input_files)
    if (!for_a.input_files.count(name) && !for_b.input_files.count(name)) return unknown("--input", name);
  return true;
}
}  // namespace

int run_diff_command(const std::vector<std::string_view>& args, FILE* out, FILE* err) {
  auto usage = [&](const std::string& message) {
    std::fprintf(err, "fides diff: %s\n%s", message.c_str(), kUsage);
    return 2;
  };
  if (args.size() < 2 || args[0].empty() || args[0][0] == '-' || args[1].empty() || args[1][0] == '-')
    return usage("name the old and the new pack first");
  const std::string paths[2] = {std::string(args[0]), std::string(args[1])};
  bool exit_code = false;
  // The scoring options are fides-score's; the pack's place is taken by a placeholder.
  std::vector<std::string> score_args = {"fides diff", "pack"};
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--exit-code") exit_code = true;
    else score_args.emplace_back(args[i]);
  }
  std::vector<const char*> argv;
  for (const std::string& s : score_args) argv.push_back(s.c_str());
  host::ScoreCommand command;
  std::string error;
  if (!host::parse_score_command(static_cast<int>(argv.size()), argv.data(), command, error, false))
    return usage(error);
  if (command.help) {
    std::fputs(kUsage, out);
    return 0;
  }
  const std::string& out_dir = command.options.out_dir;
  if (!out_dir.empty() && !host::check_output_folder(out_dir, command.options.load, error)) return usage(error);

  std::vector<trust::PublicKey> trusted(command.trust_keys.size());
  for (size_t i = 0; i < trusted.size(); ++i)
    if (!trust::read_public_key(command.trust_keys[i], trusted[i], error)) return usage("--trust: " + error);
  host::PackLibrary packs[2];
  for (int i = 0; i < 2; ++i)
    if (!packs[i].open(paths[i], trusted, error)) {
      std::fprintf(err, "fides diff: error: %s\n", error.c_str());
      return 2;
    }
  if (!check_names(command.options.load, *packs[0].descriptor(), *packs[1].descriptor(), error)) return usage(error);

  PackResults results[2];
  for (int i = 0; i < 2; ++i) {
    int status = 1;
    if (!score_pack(*packs[i].descriptor(), command, results[i], error, status, err)) {
      std::fprintf(err, "fides diff: %s%s: %s\n", status == 2 ? "" : "error: ", paths[i].c_str(), error.c_str());
      return 2;
    }
  }
  PackDiff diff = compare_packs(results[0], results[1]);
  std::fputs(diff_text(results[0], results[1], diff).c_str(), out);
  if (!out_dir.empty() && !write_diff_files(out_dir, diff, command.options.output_encoding, error)) {
    std::fprintf(err, "fides diff: error: %s\n", error.c_str());
    return 2;
  }
  return exit_code && diff.differs() ? 1 : 0;
}

}  // namespace fides::diff
