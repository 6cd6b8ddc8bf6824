#include "driver/check_command.h"

#include <fmt/format.h>

#include <string>

#include "ast/printer.h"
#include "driver/compile_options.h"
#include "driver/front_end.h"

namespace fides::driver {

int run_check(const std::vector<std::string_view>& args) {
  bool json = false;
  bool emit_ast = false;
  CompileOptions compile;
  std::string error;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "--format" && i + 1 < args.size()) {
      std::string_view f = args[++i];
      if (f != "text" && f != "json") {
        fmt::print(stderr, "fides check: --format takes 'text' or 'json', not '{}'\n", f);
        return 2;
      }
      json = f == "json";
    } else if (a == "--emit=ast") {
      emit_ast = true;
    } else if (take_compile_option(args, i, compile, error)) {
      if (!error.empty()) {
        fmt::print(stderr, "fides check: {}\n", error);
        return 2;
      }
    } else if (!a.empty() && a[0] == '-') {
      fmt::print(stderr, "fides check: unknown option '{}'\n", a);
      return 2;
    } else {
      files.emplace_back(a);
    }
  }
  if (files.empty()) {
    fmt::print(stderr, "fides check: name at least one pack file\n");
    return 2;
  }
  bool any_errors = false;
  for (const std::string& file : files) {
    auto fe = run_front_end(file, compile.stdlib_dir, compile.allowed_dirs);
    if (emit_ast) fmt::print("{}", ast::print_module(fe->module));
    if (json) {
      for (const Diagnostic& d : fe->diags.sorted()) fmt::print("{}\n", render_json(d, fe->sources, compile.lang));
    } else {
      print_diagnostics(*fe, file, compile.lang);
    }
    any_errors = any_errors || fe->diags.has_errors();
  }
  return any_errors ? 1 : 0;
}

}  // namespace fides::driver
