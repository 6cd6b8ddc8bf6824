#include "driver/build_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "driver/pack_builder.h"
#include "trust/keys.h"

namespace fides::driver {

int run_build(const std::vector<std::string_view>& args) {
  std::string main_path, output, cpu = "x86-64-v2", sign_key, error;
  CompileOptions compile;
  bool emit_llvm = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    bool has_value = i + 1 < args.size();
    if (take_compile_option(args, i, compile, error)) {
      if (!error.empty()) {
        fmt::print(stderr, "fides build: {}\n", error);
        return 2;
      }
    } else if (a == "-o" && has_value) output = args[++i];
    else if (a == "--cpu" && has_value) cpu = args[++i];
    else if (a == "--sign" && has_value) sign_key = args[++i];
    else if (a == "--emit=llvm") emit_llvm = true;
    else if (!a.empty() && a[0] != '-' && main_path.empty()) main_path = a;
    else {
      fmt::print(stderr, "fides build: unexpected '{}'\nusage: fides build MAIN.fides -o PACK.so "
                         "[--cpu NAME|native] [--emit=llvm] [--stdlib DIR] [--allow-path DIR]… [--sign NAME.key]\n", a);
      return 2;
    }
  }
  if (main_path.empty() || output.empty()) {
    fmt::print(stderr, "usage: fides build MAIN.fides -o PACK.so [--cpu NAME|native] [--emit=llvm] [--stdlib DIR] "
                       "[--allow-path DIR]… [--sign NAME.key]\n");
    return 2;
  }
  auto pack = check_and_lower(main_path, compile);
  if (!pack) return 1;
  std::string ir;
  if (!build_library(*pack, output, cpu, emit_llvm ? &ir : nullptr)) return 1;
  if (emit_llvm) fmt::print("{}", ir);
  // A signature left from an earlier build would name other bytes: never keep one.
  std::remove((output + ".sig").c_str());
  if (!sign_key.empty() && !trust::sign_file(output, sign_key, error)) {
    fmt::print(stderr, "fides build: cannot sign {}: {}\n", output, error);
    return 1;
  }
  const auto& d = pack->plan.description;
  fmt::print(stderr, "built {} ({} {}, {} rules, {} scorecards, hash {}){}\n", output, d.name, d.version,
             d.rules.size(), d.scorecards.size(), d.hash.substr(0, 12),
             sign_key.empty() ? "" : ", signed in " + output + ".sig");
  return 0;
}

}  // namespace fides::driver
