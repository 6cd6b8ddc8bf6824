#include "link/link_shared_library.h"

#include "link/run_lld.h"
#include "link/temp_file.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace fides::link {
namespace {

const std::vector<std::string>& default_library_dirs() {
  static const std::vector<std::string> dirs = {"/usr/lib/x86_64-linux-gnu",
                                                "/lib/x86_64-linux-gnu",
                                                "/usr/lib64",
                                                "/lib64",
                                                "/usr/lib",
                                                "/lib"};
  return dirs;
}

bool has_file(llvm::StringRef dir, llvm::StringRef name) {
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, name);
  return llvm::sys::fs::exists(path);
}

std::vector<std::string> lld_arguments(llvm::StringRef object_path, llvm::StringRef temp_output,
                                       llvm::StringRef soname, const LinkOptions& options) {
  std::vector<std::string> args = {"-m",
                                   "elf_x86_64",
                                   "-shared",
                                   "-o",
                                   temp_output.str(),
                                   "-soname",
                                   soname.str(),
                                   "--build-id=none",
                                   "--hash-style=both",
                                   "--eh-frame-hdr",
                                   "-z",
                                   "noexecstack",
                                   "-z",
                                   "relro",
                                   "-z",
                                   "now",
                                   "--color-diagnostics=never",
                                   "--error-limit=0"};
  if (options.strip) args.push_back("--strip-all");
  args.push_back(object_path.str());
  std::string libc_dir = find_libc_dir(options.library_dirs);
  if (!libc_dir.empty()) {
    args.insert(args.end(), {"-L" + libc_dir, "--no-undefined", "--as-needed", "-lc"});
    if (has_file(libc_dir, "libm.so")) args.push_back("-lm");
    args.push_back("--no-as-needed");
  }
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  return args;
}

}  // namespace

std::string find_libc_dir(const std::vector<std::string>& candidates) {
  for (const std::string& dir : candidates.empty() ? default_library_dirs() : candidates)
    if (has_file(dir, "libc.so")) return dir;
  return "";
}

llvm::Error link_shared_library(llvm::StringRef object_path, llvm::StringRef output_path,
                                const LinkOptions& options) {
  llvm::StringRef file_name = llvm::sys::path::filename(output_path);
  if (file_name.empty() || file_name == "." || file_name == "..")
    return make_error("invalid output path '" + output_path + "'");
  llvm::SmallString<256> dir(llvm::sys::path::parent_path(output_path));
  if (dir.empty()) dir = ".";

  // Reserve a temporary name beside the output, so the final rename stays
  // on one file system.
  llvm::SmallString<256> model(dir);
  llvm::sys::path::append(model, "." + file_name + ".tmp-%%%%%%%%");
  llvm::SmallString<256> temp_path;
  int fd = -1;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(model, fd, temp_path))
    return make_error("cannot create a file in '" + dir + "' for " + output_path + ": " +
                      ec.message());
  llvm::sys::fs::closeFile(fd);
  bool keep_temp = false;
  auto cleanup = llvm::make_scope_exit([&] {
    if (!keep_temp) llvm::sys::fs::remove(temp_path);
  });

  std::string soname = options.soname.empty() ? file_name.str() : options.soname;
  if (llvm::Error error = run_lld(lld_arguments(object_path, temp_path, soname, options)))
    return make_error("cannot link " + output_path + ": " + llvm::toString(std::move(error)));
  if (std::error_code ec = llvm::sys::fs::rename(temp_path, output_path))
    return make_error("cannot write " + output_path + ": " + ec.message());
  keep_temp = true;  // renamed: nothing left to remove
  return llvm::Error::success();
}

llvm::Error link_shared_library(llvm::ArrayRef<char> object, llvm::StringRef output_path,
                                const LinkOptions& options) {
  TempFile object_file;
  if (llvm::Error error = object_file.create("fides-pack", object)) return error;
  return link_shared_library(object_file.path(), output_path, options);
}

}  // namespace fides::link
