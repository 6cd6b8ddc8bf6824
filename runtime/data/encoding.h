// Reading an input file and bringing it to UTF-8. GBK is converted with glibc
// iconv; a byte sequence that is not GBK is copied through unchanged, which is
// never well-formed UTF-8, so the row holding it becomes an `invalid GBK`
// reject instead of failing the file. UTF-8 input is returned as is (its BOM is
// skipped by the CSV splitter; its ill-formed rows are rejected per row).
// `auto` (spec §9.7) decides per file: UTF-8 when the whole file is valid
// UTF-8, else GBK when the whole file is valid GBK, else UTF-8 (so the rows
// with ill-formed bytes are rejected as `invalid UTF-8`).
#pragma once

#include <string>
#include <string_view>

namespace fides::data {

enum class Encoding { Auto, Utf8, Gbk };

// "auto" / "utf-8" / "gbk" (also "utf8", "UTF-8", "GBK", "cp936"); false when unknown.
bool parse_encoding(std::string_view name, Encoding& out);
const char* encoding_name(Encoding e);

// Reads a whole file that is read whole (a --table replacement), at most
// kMaxWholeFile bytes (the compiler's limit on a table file, spec §9.11); a
// device is refused (input_file.h). On failure returns false with a message
// naming the file and the reason.
constexpr size_t kMaxWholeFile = size_t{256} << 20;
bool read_file(const std::string& path, std::string& bytes, std::string& error);

// Converts GBK to UTF-8 piece by piece with one iconv descriptor (opening
// one per line would dominate the cost). Each piece must end at a character
// boundary: the loader gives it whole physical lines.
class GbkDecoder {
 public:
  GbkDecoder();
  ~GbkDecoder();
  GbkDecoder(const GbkDecoder&) = delete;
  GbkDecoder& operator=(const GbkDecoder&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<void*>(-1); }
  // Appends the conversion of `in` to `out` (see gbk_to_utf8); false when
  // iconv is unavailable. `clean`, when given, is cleared on a byte that is not GBK.
  bool decode(std::string_view in, std::string& out, std::string& error, bool* clean = nullptr);

 private:
  void* cd_;
};

// GBK bytes to UTF-8 (see above). False only when iconv itself is unavailable.
// `clean`, when given, is set to whether every byte was valid GBK.
bool gbk_to_utf8(std::string_view in, std::string& out, std::string& error, bool* clean = nullptr);

// Brings a file's bytes to UTF-8 text as `requested` says (Auto: see above);
// `used` is the encoding it was read with (never Auto). False only when iconv
// is unavailable.
bool decode_input(std::string bytes, Encoding requested, std::string& text, Encoding& used, std::string& error);

}  // namespace fides::data
