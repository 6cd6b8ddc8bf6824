#include "report/output_rows.h"

#include "data/input_file.h"
#include "data/row_reader.h"

namespace fides::report {
namespace {
constexpr uint64_t kMaxCell = uint64_t{1} << 20;  // fides-score clips what it echoes far below this

std::string joined(const std::vector<std::string>& cells) {
  std::string out;
  for (const std::string& c : cells) out += (out.empty() ? "" : ",") + c;
  return out;
}
}  // namespace

bool read_output_rows(const std::string& path, const std::vector<std::string>& header, data::Encoding encoding,
                      size_t limit, OutputRows& out, std::string& error) {
  data::InputFile in;
  if (!in.open(path, error)) return false;
  data::RowReader reader(in, encoding, kMaxCell);
  data::CsvRow row;
  auto failed = [&](const data::CsvRow& r, const std::string& what, uint32_t column) {
    error = path + ":" + std::to_string(r.line) + ":" + std::to_string(column) + ": " + what;
    return false;
  };
  if (!reader.next(row)) {
    error = path + (reader.error().empty() ? ": empty; fides-score writes a header at least" : ": " + reader.error());
    return false;
  }
  std::vector<std::string> names(row.cells.begin(), row.cells.end());
  if (!names.empty() && names[0].rfind("\xEF\xBB\xBF", 0) == 0) names[0].erase(0, 3);
  if (!row.problem.empty() || names != header)
    return failed(row, "expected the header " + joined(header) + ", as fides-score writes", 1);
  reader.set_header(header, std::vector<bool>(header.size(), true));
  while (reader.next(row)) {
    if (!row.problem.empty()) return failed(row, row.problem, row.problem_column);
    if (out.rows.size() < limit) out.rows.emplace_back(row.cells.begin(), row.cells.end());
    ++out.total;
  }
  if (!reader.error().empty()) {
    error = reader.error();
    return false;
  }
  return true;
}

}  // namespace fides::report
