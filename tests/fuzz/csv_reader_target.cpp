// The record-file loader over random file bytes, in every encoding, with the
// test schema (tests/data/test_schema.h): fields of every type, optional
// fields, references between record types and to the record itself, indexes.
#include <string>

#include "data/loader.h"
#include "loader_support.h"
#include "scratch.h"
#include "targets.h"

namespace fides::fuzz {
namespace {
constexpr data::Encoding kEncodings[] = {data::Encoding::Auto, data::Encoding::Utf8, data::Encoding::Gbk};
const char* const kRecordNames[] = {"Org", "Person", "Claim"};

// §9.8: every data row is either loaded or rejected, with one reject row each.
std::string check_counts(const data::Dataset& d) {
  for (const data::InputStat& in : d.inputs) {
    int64_t reject_rows = 0;
    for (const data::Reject& r : d.rejects) {
      reject_rows += r.file == in.file;
      if (r.file == in.file && (r.line < 2 || r.column < 1))
        return in.file + ": a reject at line " + std::to_string(r.line) + ", column " + std::to_string(r.column);
    }
    if (in.loaded + in.rejected != in.rows || reject_rows != in.rejected)
      return in.file + ": rows " + std::to_string(in.rows) + ", loaded " + std::to_string(in.loaded) +
             ", rejected " + std::to_string(in.rejected) + ", reject rows " + std::to_string(reject_rows);
  }
  return "";
}
}  // namespace

std::string check_csv_reader(const uint8_t* data, size_t size) {
  if (size == 0) return "";
  data::LoadOptions options;
  options.encoding = kEncodings[data[0] % 3];
  const char* record = kRecordNames[(data[0] / 3) % 3];
  std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);
  options.input_files[record] = write_scratch_file(std::string(record) + ".csv", file);
  auto loaded = test::load({}, options);
  if (!loaded->dataset) {
    const data::LoadFailure& f = loaded->failure;
    return f.exit_code == 1 && !f.message.empty() ? "" : "a failure without exit code 1 and a message: " + f.message;
  }
  return check_counts(*loaded->dataset);
}

}  // namespace fides::fuzz
