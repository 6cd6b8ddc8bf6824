#include "driver/pack_builder.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "codegen/build_pack.h"
#include "fides/pack_abi.h"
#include "llvm/Support/Error.h"

namespace fides::driver {
namespace fs = std::filesystem;

std::optional<CheckedPack> check_and_lower(const std::string& main_path, const CompileOptions& compile) {
  auto fe = run_front_end(main_path, compile.stdlib_dir, compile.allowed_dirs);
  print_diagnostics(*fe, main_path, compile.lang);
  if (fe->diags.has_errors() || !fe->program) return std::nullopt;
  lower::LowerOptions options{std::string("fides ") + FIDES_VERSION, compile.stdlib_dir};
  lower::Plan plan = lower::lower(*fe->program, fe->sources, options);
  return CheckedPack{std::move(fe), std::move(plan)};
}

bool build_library(const CheckedPack& pack, const std::string& output, const std::string& cpu,
                   std::string* llvm_ir) {
  codegen::BuildOptions options;
  options.cpu = cpu;
  options.emit_llvm_ir_to = llvm_ir;
  if (llvm::Error e = codegen::build_pack_library(pack.plan, pack.front_end->sources, output, options)) {
    fmt::print(stderr, "fides: cannot build '{}': {}\n", output, llvm::toString(std::move(e)));
    return false;
  }
  return true;
}

namespace {
fs::path cache_dir() {
  if (const char* dir = std::getenv("FIDES_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "fides";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "fides";
  std::error_code ec;
  fs::path temp = fs::temp_directory_path(ec);
  return (ec ? fs::path("/tmp") : temp) / "fides-cache";
}

// Which build of the compiler this is: the size and modification time of the
// running executable. A rebuilt compiler (same version, new code generator)
// never reuses packs an older build cached.
std::string compiler_build_stamp() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "unknown";
  auto size = fs::file_size(self, ec);
  if (ec) return "unknown";
  auto time = fs::last_write_time(self, ec).time_since_epoch().count();
  if (ec) return "unknown";
  return fmt::format("{:x}{:x}", size, static_cast<uint64_t>(time));
}
}  // namespace

std::string cached_library(const CheckedPack& pack, const std::string& cpu) {
  fs::path dir = cache_dir();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    fmt::print(stderr, "fides: cannot create the pack cache '{}': {}\n", dir.string(), ec.message());
    return "";
  }
  // The content hash covers sources and tables; the compiler (its version, the
  // pack ABI, the build) and the CPU change the code generated from them.
  std::string name = fmt::format("{}-{}-abi{}-{}-{}.so", pack.plan.description.hash.substr(0, 32), FIDES_VERSION,
                                 FIDES_ABI_VERSION, compiler_build_stamp(), cpu);
  fs::path path = dir / name;
  if (fs::exists(path, ec)) return path.string();
  return build_library(pack, path.string(), cpu, nullptr) ? path.string() : "";
}

}  // namespace fides::driver
