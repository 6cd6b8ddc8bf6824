// compiler/link: in-process lld can run many times, and every failure comes
// back as an error value with lld's own message.
#include <doctest/doctest.h>

#include <string>

#include "codegen/emit_object.h"
#include "codegen/target.h"
#include "link/link_shared_library.h"
#include "link/run_lld.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "sample_pack.h"

using namespace fides::codegen;
using namespace fides::codegen::testing;
using fides::link::link_shared_library;
using fides::link::LinkOptions;

namespace {

// An object whose function `f` calls the undefined functions `names`.
std::vector<char> object_calling(std::initializer_list<const char*> names) {
  llvm::LLVMContext context;
  auto machine = llvm::cantFail(create_target_machine());
  llvm::Module module("undefined", context);
  configure_module(module, *machine);
  auto* void_fn = llvm::FunctionType::get(llvm::Type::getVoidTy(context), false);
  auto* f = llvm::Function::Create(void_fn, llvm::GlobalValue::ExternalLinkage, "f", module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context, "entry", f));
  for (const char* name : names) b.CreateCall(module.getOrInsertFunction(name, void_fn));
  b.CreateRetVoid();
  return llvm::cantFail(emit_object(module, *machine));
}

size_t count_entries(const std::string& dir) {
  size_t n = 0;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec)) ++n;
  return n;
}

}  // namespace

TEST_CASE("libc is found") { CHECK(!fides::link::find_libc_dir().empty()); }

TEST_CASE("linking twice in one process") {
  std::string dir = make_temp_dir();
  auto object = llvm::cantFail(build_sample_object());
  for (int i = 0; i < 3; ++i) {
    std::string path = dir + "/pack" + std::to_string(i) + ".so";
    REQUIRE(succeeded(link_shared_library(llvm::ArrayRef<char>(object), path)));
    CHECK(llvm::sys::fs::exists(path));
  }
  // Overwriting an existing output works too.
  CHECK(succeeded(link_shared_library(llvm::ArrayRef<char>(object), dir + "/pack0.so")));
  CHECK(count_entries(dir) == 3);  // no temporary left behind
  llvm::sys::fs::remove_directories(dir);
}

TEST_CASE("a bad output path is an error value") {
  auto object = llvm::cantFail(build_sample_object());
  std::string text = error_text(
      link_shared_library(llvm::ArrayRef<char>(object), "/nonexistent-fides-dir/sub/pack.so"));
  INFO(text);
  CHECK(text.find("/nonexistent-fides-dir/sub/pack.so") != std::string::npos);

  std::string dir = make_temp_dir();
  CHECK(!error_text(link_shared_library(llvm::ArrayRef<char>(object), dir + "/")).empty());
  llvm::sys::fs::remove_directories(dir);
}

TEST_CASE("lld's diagnostics come back as the error text, and lld runs again") {
  std::string dir = make_temp_dir();
  std::string path = dir + "/bad.so";
  std::string text = error_text(
      link_shared_library(llvm::ArrayRef<char>(object_calling({"no_such_function"})), path));
  INFO(text);
  CHECK(text.find("undefined symbol: no_such_function") != std::string::npos);
  CHECK(!llvm::sys::fs::exists(path));
  CHECK(count_entries(dir) == 0);

  // A file that is not an object.
  std::string junk = dir + "/junk.o";
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(junk, ec);
    os << "not an object";
  }
  std::string not_object = error_text(link_shared_library(llvm::StringRef(junk), path));
  INFO(not_object);
  CHECK(not_object.find("junk.o") != std::string::npos);

  // The next link succeeds.
  auto object = llvm::cantFail(build_sample_object());
  CHECK(succeeded(link_shared_library(llvm::ArrayRef<char>(object), path)));
  CHECK(llvm::sys::fs::exists(path));
  llvm::sys::fs::remove_directories(dir);
}

TEST_CASE("lld's fatal() is recovered from") {
  // With --error-limit=1, the second undefined symbol makes lld call fatal(),
  // which unwinds through CrashRecoveryContext instead of exiting.
  std::string dir = make_temp_dir();
  LinkOptions options;
  options.extra_args = {"--error-limit=1"};
  std::string text = error_text(link_shared_library(
      llvm::ArrayRef<char>(object_calling({"u1", "u2", "u3"})), dir + "/bad.so", options));
  INFO(text);
  CHECK(text.find("undefined symbol") != std::string::npos);
  CHECK(text.find("too many errors emitted") != std::string::npos);  // fatal() was reached

  auto object = llvm::cantFail(build_sample_object());
  CHECK(succeeded(link_shared_library(llvm::ArrayRef<char>(object), dir + "/good.so")));
  llvm::sys::fs::remove_directories(dir);
}

TEST_CASE("run_lld returns lld's output") {
  std::string messages;
  REQUIRE(succeeded(fides::link::run_lld({"--version"}, &messages)));
  CHECK(messages.find("LLD") != std::string::npos);
}

namespace {

std::vector<std::string> needed_libraries(const std::string& path) {
  std::string dynamic = run_command(std::string(FIDES_READELF) + " -d -W " + path);
  std::vector<std::string> needed;
  for (size_t at = dynamic.find("(NEEDED)"); at != std::string::npos;
       at = dynamic.find("(NEEDED)", at + 1)) {
    size_t open = dynamic.find('[', at), close = dynamic.find(']', open);
    needed.push_back(dynamic.substr(open + 1, close - open - 1));
  }
  return needed;
}

}  // namespace

TEST_CASE("libc and libm are NEEDED only when used") {
  std::string dir = make_temp_dir();
  std::string both = dir + "/both.so", libc_only = dir + "/libc.so", none = dir + "/none.so";
  REQUIRE(succeeded(
      link_shared_library(llvm::ArrayRef<char>(object_calling({"abort", "floor"})), both)));
  CHECK(needed_libraries(both) == std::vector<std::string>{"libc.so.6", "libm.so.6"});
  REQUIRE(
      succeeded(link_shared_library(llvm::ArrayRef<char>(object_calling({"abort"})), libc_only)));
  CHECK(needed_libraries(libc_only) == std::vector<std::string>{"libc.so.6"});
  REQUIRE(succeeded(link_shared_library(llvm::ArrayRef<char>(object_calling({})), none)));
  CHECK(needed_libraries(none).empty());
  llvm::sys::fs::remove_directories(dir);
}

TEST_CASE("without libc.so, libc symbols are left to the loader") {
  std::string dir = make_temp_dir();
  std::string path = dir + "/pack.so";
  LinkOptions options;
  options.library_dirs = {dir};  // no libc.so there
  REQUIRE(succeeded(
      link_shared_library(llvm::ArrayRef<char>(object_calling({"abort"})), path, options)));
  CHECK(needed_libraries(path).empty());
  std::string symbols = run_command(std::string(FIDES_READELF) + " --dyn-syms -W " + path);
  CHECK(symbols.find("UND abort") != std::string::npos);
  llvm::sys::fs::remove_directories(dir);
}
