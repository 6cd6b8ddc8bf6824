// The encoding of the CSV outputs (spec §9.7, --output-encoding): UTF-8, UTF-8
// with a byte-order mark (so spreadsheet programs on Chinese systems detect
// it), or GBK. run.json is always UTF-8. GBK conversion uses glibc iconv.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fides::host {

enum class OutputEncoding { Utf8, Utf8Bom, Gbk };

// "utf-8" / "utf-8-bom" / "gbk" (case-insensitive; "utf8", "utf8-bom", "cp936" too).
bool parse_output_encoding(std::string_view name, OutputEncoding& out);
const char* output_encoding_name(OutputEncoding e);  // as parse_output_encoding reads it

// UTF-8 text to GBK, with one iconv converter reused for every call.
class GbkEncoder {
 public:
  GbkEncoder();
  ~GbkEncoder();
  GbkEncoder(const GbkEncoder&) = delete;
  GbkEncoder& operator=(const GbkEncoder&) = delete;

  bool available() const;
  // Appends utf8 in GBK to out. False at the first character GBK cannot
  // encode, with its code point in `bad` (out then holds a partial result).
  bool encode(std::string_view utf8, std::string& out, uint32_t& bad);
  // utf8 with every character GBK cannot encode written as \u{XXXX}.
  std::string escape_unencodable(std::string_view utf8);

 private:
  // Converts from *pos; stops at the end or at a character it cannot encode.
  bool convert(std::string_view utf8, size_t& pos, std::string& out);
  void* cd_;
};

}  // namespace fides::host
