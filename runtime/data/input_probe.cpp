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

namespace {
// Counts line ends (each LF, and each CR not followed by LF) in consecutive
// pieces of a file.
class LineEndCounter {
 public:
  void add(std::string_view piece) {
    if (piece.empty()) return;
    count_ += static_cast<uint64_t>(std::count(piece.begin(), piece.end(), '\n'));
    if (cr_pending_ && piece[0] != '\n') ++count_;
    cr_pending_ = false;
    for (size_t cr = piece.find('\r'); cr != std::string_view::npos; cr = piece.find('\r', cr + 1)) {
      if (cr + 1 == piece.size()) cr_pending_ = true;
      else if (piece[cr + 1] != '\n') ++count_;
    }
    ends_line_ = piece.back() == '\n' || piece.back() == '\r';
  }
  // Lines so far, when the file ends here.
  uint64_t lines() const { return count_ + cr_pending_ + !ends_line_; }
  // Line ends so far, the piece just added having ended with an LF.
  uint64_t ends() const { return count_; }

 private:
  uint64_t count_ = 0;
  bool cr_pending_ = false, ends_line_ = true;
};

// One pass over `in`: the hash, the BOM and the header when `first_pass`;
// UTF-8 validity when `out.utf8` is still to be found, GBK validity when `gbk`.
bool scan(InputFile& in, InputProbe& out, bool first_pass, GbkDecoder* gbk, uint64_t split_bytes,
          std::string& error) {
  hash::Sha256 sha;
  std::string pending, scratch;  // bytes not yet checked: at most one block beyond a cut
  bool header_done = !first_pass, first = first_pass;
  char buf[kBlock];
  LineEndCounter lines;
  uint64_t offset = 0;  // of the block in the file
  uint64_t next_split = split_bytes ? split_bytes : UINT64_MAX;
  auto check = [&](std::string_view piece) {
    if (first_pass && out.utf8 && !utf8_valid(piece)) out.utf8 = false;
    if (gbk && out.gbk) {
      scratch.clear();
      if (!gbk->decode(piece, scratch, error, &out.gbk)) out.gbk = false;
    }
  };
  for (;;) {
    long n = in.read(buf, sizeof buf, error);
    if (n < 0) return false;
    if (n == 0) break;
    std::string_view block(buf, static_cast<size_t>(n));
    if (first_pass) {
      sha.update(block);
      size_t counted = 0;
      while (offset + block.size() > next_split) {
        size_t lf = block.find('\n', std::max<uint64_t>(next_split, offset + counted) - offset);
        if (lf == std::string_view::npos) break;
        lines.add(block.substr(counted, lf + 1 - counted));
        counted = lf + 1;
        out.splits.push_back({offset + counted, static_cast<uint32_t>(lines.ends())});
        next_split = offset + counted + split_bytes;
      }
      lines.add(block.substr(counted));
      offset += block.size();
    }
    if (first && block.size() >= 2) {
      out.utf16_bom = (block.substr(0, 2) == "\xFF\xFE" || block.substr(0, 2) == "\xFE\xFF");
      first = false;
    }
    if (!header_done) {
      size_t end = block.find_first_of("\r\n");
      out.header_bytes.append(block.substr(0, std::min(end, kHeaderMax - out.header_bytes.size())));
      header_done = end != std::string_view::npos || out.header_bytes.size() >= kHeaderMax;
    }
    if (!(first_pass && out.utf8) && !(gbk && out.gbk)) continue;
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
  if (first_pass) {
    out.sha256 = sha.hex_digest();
    out.lines = lines.lines();
  }
  in.rewind();
  return true;
}
}  // namespace

bool probe_input(InputFile& in, InputProbe& out, bool check_gbk, uint64_t split_bytes, std::string& error) {
  if (!scan(in, out, true, nullptr, split_bytes, error)) return false;
  // GBK matters only for a file that is not UTF-8: a second pass, then.
  if (!check_gbk || out.utf8) return true;
  GbkDecoder gbk;
  return scan(in, out, false, &gbk, 0, error);
}

}  // namespace fides::data
