#include "data/input_probe.h"

#include <algorithm>

#include "data/encoding.h"
#include "data/utf8.h"
#include "hash/sha256.h"

namespace fides::data {
namespace {
constexpr size_t kBlock = 1 << 16;
constexpr size_t kHeaderMax = 1 << 16;

// Where a block may be cut so that no UTF-8 or GBK character straddles the
// cut: just after the last byte below 0x40 (never a GBK trail byte, never part
// of a UTF-8 sequence). 0 when there is none.
size_t safe_cut(std::string_view s) {
  for (size_t i = s.size(); i > 0; --i)
    if (static_cast<unsigned char>(s[i - 1]) < 0x40) return i;
  return 0;
}
}  // namespace

bool probe_input(InputFile& in, InputProbe& out, std::string& error) {
  hash::Sha256 sha;
  GbkDecoder gbk;
  std::string pending, scratch;  // bytes not yet checked: at most one block beyond a cut
  bool header_done = false, first = true;
  char buf[kBlock];
  auto check = [&](std::string_view piece) {
    if (out.utf8 && !utf8_valid(piece)) out.utf8 = false;
    if (out.gbk) {
      scratch.clear();
      if (!gbk.decode(piece, scratch, error, &out.gbk)) out.gbk = false;
    }
  };
  for (;;) {
    long n = in.read(buf, sizeof buf, error);
    if (n < 0) return false;
    if (n == 0) break;
    std::string_view block(buf, static_cast<size_t>(n));
    sha.update(block);
    if (first && block.size() >= 2) {
      out.utf16_bom = (block.substr(0, 2) == "\xFF\xFE" || block.substr(0, 2) == "\xFE\xFF");
      first = false;
    }
    if (!header_done) {
      size_t end = block.find_first_of("\r\n");
      out.header_bytes.append(block.substr(0, std::min(end, kHeaderMax - out.header_bytes.size())));
      header_done = end != std::string_view::npos || out.header_bytes.size() >= kHeaderMax;
    }
    if (!out.utf8 && !out.gbk) continue;
    pending.append(block);
    size_t cut = safe_cut(pending);
    // A run of 256 KiB without a comma, digit or line break is checked as it
    // stands, to keep memory bounded; a character split there can make a
    // valid file count as invalid in that encoding (then its rows are
    // rejected, never misread).
    if (cut == 0 && pending.size() >= 4 * kBlock) cut = pending.size();
    check(std::string_view(pending).substr(0, cut));
    pending.erase(0, cut);
  }
  check(pending);
  out.sha256 = sha.hex_digest();
  in.rewind();
  return true;
}

}  // namespace fides::data
