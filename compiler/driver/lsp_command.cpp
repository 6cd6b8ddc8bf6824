#include "driver/lsp_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>

#include "driver/compile_options.h"
#include "driver/explain_command.h"
#include "lsp/server.h"

namespace fides::driver {

int run_lsp(const std::vector<std::string_view>& args) {
  CompileOptions compile;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string error;
    if (take_compile_option(args, i, compile, error)) {
      if (!error.empty()) {
        fmt::print(stderr, "fides lsp: {}\n", error);
        return 2;
      }
      continue;
    }
    // `--stdio` is what editors' client libraries add to say how to talk; it is the only way.
    if (args[i] == "--stdio") continue;
    fmt::print(stderr, "fides lsp: unknown option '{}'\nusage: fides lsp {}\n", args[i], kCompileOptionsUsage);
    return 2;
  }
  // An editor that goes away must not kill the server in the middle of a write.
  std::signal(SIGPIPE, SIG_IGN);
  lsp::ServerOptions options{{compile.stdlib_dir, compile.allowed_dirs}, compile.lang,
                             language_reference(compile.lang), FIDES_VERSION};
  return lsp::serve(STDIN_FILENO, STDOUT_FILENO, std::move(options));
}

}  // namespace fides::driver
