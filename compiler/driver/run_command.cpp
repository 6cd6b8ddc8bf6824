#include "driver/run_command.h"

#include <fmt/format.h>

#include <string>

#include "driver/pack_builder.h"
#include "host/options.h"
#include "host/pack_library.h"
#include "host/score.h"
#include "interp/interpreter.h"
#include "interp/pack_view.h"

namespace fides::driver {

int run_run(const std::vector<std::string_view>& args) {
  std::string main_path, cpu = "x86-64-v2", error;
  CompileOptions compile;
  bool interpret = false;
  // The scoring options are fides-score's; the pack's place is taken by a placeholder.
  std::vector<std::string> score_args = {"fides run", "pack"};
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (take_compile_option(args, i, compile, error)) {
      if (!error.empty()) {
        fmt::print(stderr, "fides run: {}\n", error);
        return 2;
      }
    } else if (a == "--interpret") interpret = true;
    else if (a == "--cpu" && i + 1 < args.size()) cpu = args[++i];
    else if (main_path.empty() && !a.empty() && a[0] != '-') main_path = a;
    else score_args.emplace_back(a);
  }
  std::vector<const char*> argv;
  for (const std::string& s : score_args) argv.push_back(s.c_str());
  host::ScoreCommand command;
  if (main_path.empty() || !host::parse_score_command(static_cast<int>(argv.size()), argv.data(), command, error)) {
    fmt::print(stderr, "fides run: {}\nusage: fides run MAIN.fides --data DIR --out DIR [--interpret] "
                       "[--cpu NAME|native] [--stdlib DIR] [--allow-path DIR]… [fides-score options]\n",
               main_path.empty() ? "name the pack's main file" : error);
    return 2;
  }
  if (!command.trust_keys.empty()) {
    fmt::print(stderr, "fides run: --trust checks a signed pack file; `fides run` builds its pack from the sources "
                       "(use fides-score PACK.so --trust KEY.pub)\n");
    return 2;
  }
  command.options.program = "fides run";
  auto pack = check_and_lower(main_path, compile);
  if (!pack) return 1;
  if (interpret) {
    interp::PackView view(pack->plan.description);
    return host::run_score(interp::make_evaluator(pack->plan, view), command.options, stderr);
  }
  std::string library_path = cached_library(*pack, cpu);
  if (library_path.empty()) return 1;
  host::PackLibrary library;
  if (!library.open(library_path, error)) {
    fmt::print(stderr, "fides run: error: {}\n", error);
    return 1;
  }
  command.options.pack_origin = library.origin();
  return host::run_score(host::evaluator_of(*library.descriptor()), command.options, stderr);
}

}  // namespace fides::driver
