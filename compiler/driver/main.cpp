// The `fides` command: one subcommand per job; each chains the phases it needs.
#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "diff/diff_command.h"
#include "driver/build_command.h"
#include "driver/check_command.h"
#include "driver/explain_command.h"
#include "driver/fmt_command.h"
#include "driver/keygen_command.h"
#include "driver/lsp_command.h"
#include "driver/run_command.h"
#include "driver/test_command.h"
#include "report/report_command.h"

namespace {

constexpr std::string_view kUsage =
    "usage: fides <command> [options]\n"
    "\n"
    "commands:\n"
    "  check FILE… [--format text|json] [--emit=ast] [--stdlib DIR] [--allow-path DIR]…\n"
    "                    check packs and report every error; --emit=ast also prints the syntax tree;\n"
    "                    --allow-path lets imports and tables come from DIR too (every compiling command)\n"
    "  build MAIN.fides -o PACK.so [--cpu NAME|native] [--emit=llvm] [--sign NAME.key]\n"
    "                    compile a pack into a native shared library (--sign: and PACK.so.sig)\n"
    "  fmt [--check] FILE…\n"
    "                    rewrite .fides files in the canonical layout (--check: write nothing, name\n"
    "                    the files that would change, exit 1 if any would)\n"
    "  keygen NAME       write an Ed25519 key pair NAME.key (secret) and NAME.pub\n"
    "  run MAIN.fides --data DIR --out DIR [--interpret] [fides-score options]\n"
    "                    build into the cache (or interpret) and score credit files\n"
    "  test MAIN.fides [--format text|junit|json] [--cpu NAME]\n"
    "                    run the pack's test blocks natively and interpreted (junit, json: for CI)\n"
    "  diff OLD.so NEW.so --data DIR [--out DIR] [--exit-code] [fides-score options]\n"
    "                    score both packs on the same data; findings and grades that change\n"
    "  report OUT [-o FILE]\n"
    "                    an HTML report of a fides-score output folder (default OUT/report.html)\n"
    "  explain E0xxx     print the language reference's entry for a diagnostic code\n"
    "  lsp [--stdlib DIR] [--allow-path DIR]… [--lang zh|en]\n"
    "                    a Language Server Protocol server on stdin and stdout, for editors\n"
    "  version           print the compiler version\n"
    "check, build, run, test, fmt, explain and lsp take --lang zh|en, the language of diagnostics (default from LANG)\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kUsage.data(), args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  std::string_view command = args[0];
  args.erase(args.begin());
  if (command == "check") return fides::driver::run_check(args);
  if (command == "build") return fides::driver::run_build(args);
  if (command == "run") return fides::driver::run_run(args);
  if (command == "test") return fides::driver::run_test(args);
  if (command == "fmt") return fides::driver::run_fmt(args);
  if (command == "keygen") return fides::driver::run_keygen(args);
  if (command == "diff") return fides::diff::run_diff_command(args, stdout, stderr);
  if (command == "report") return fides::report::run_report_command(args, stderr);
  if (command == "explain") return fides::driver::run_explain(args);
  if (command == "lsp") return fides::driver::run_lsp(args);
  if (command == "version") {
    fmt::print("fides {}\n", FIDES_VERSION);
    return 0;
  }
  fmt::print(stderr, "fides: unknown command '{}'\n\n{}", command, kUsage);
  return 2;
}
