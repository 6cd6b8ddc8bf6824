#include "link/run_lld.h"

#include <mutex>

#include "lld/Common/CommonLinkerContext.h"
#include "lld/Common/Driver.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"

LLD_HAS_DRIVER(elf)

namespace fides::link {
namespace {

std::mutex lld_mutex;
bool lld_unusable = false;  // guarded by lld_mutex

llvm::Error make_error(const std::string& message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

}  // namespace

llvm::Error run_lld(const std::vector<std::string>& args, std::string* messages) {
  std::lock_guard<std::mutex> lock(lld_mutex);
  if (lld_unusable)
    return make_error("the in-process linker failed earlier and cannot run again in this process");
  // Without it, lld's fatal() would end the whole process instead of
  // unwinding to lldMain.
  llvm::CrashRecoveryContext::Enable();

  std::vector<const char*> argv;
  argv.push_back("ld.lld");
  for (const std::string& arg : args) argv.push_back(arg.c_str());

  std::string out_text, err_text;
  llvm::raw_string_ostream out(out_text), err(err_text);
  lld::Result result = lld::lldMain(argv, out, err, {{lld::Gnu, &lld::elf::link}});
  out.flush();
  err.flush();
  std::string text = out_text + err_text;
  while (!text.empty() && text.back() == '\n') text.pop_back();

  if (!result.canRunAgain) {
    // lld stopped through fatal(): its context was not destroyed. Tear it
    // down now (this resets lld's ELF globals); if even that fails, lld's
    // memory is not trustworthy and it must not run again.
    llvm::CrashRecoveryContext recovery;
    if (!recovery.RunSafely([] {
          if (lld::hasContext()) lld::CommonLinkerContext::destroy();
        }))
      lld_unusable = true;
  }
  if (result.retCode != 0)
    return make_error(text.empty() ? "ld.lld failed without a message" : text);
  if (messages) *messages = std::move(text);
  return llvm::Error::success();
}

}  // namespace fides::link
