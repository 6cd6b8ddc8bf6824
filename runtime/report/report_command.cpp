#include "report/report_command.h"

#include <string>

#include "host/output_file.h"
#include "report/output_rows.h"
#include "report/report_html.h"
#include "report/run_record.h"

namespace fides::report {

const char* const kReportUsage = "usage: fides report OUT [-o FILE]   (OUT: a fides-score output folder; FILE: "
                                 "default OUT/report.html)\n";

int run_report_command(const std::vector<std::string_view>& args, FILE* err) {
  std::string folder, file;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if ((a == "-o" || a == "--out") && i + 1 < args.size() && file.empty()) {
      file = args[++i];
    } else if (!a.empty() && a[0] != '-' && folder.empty()) {
      folder = a;
    } else {
      std::fprintf(err, "fides report: unexpected argument '%.*s'\n%s", static_cast<int>(a.size()), a.data(),
                   kReportUsage);
      return 2;
    }
  }
  if (folder.empty()) {
    std::fprintf(err, "fides report: name the output folder of a fides-score run\n%s", kReportUsage);
    return 2;
  }
  if (file.empty()) file = folder + "/report.html";

  RunRecord run;
  OutputRows rejects, errors;
  std::string error;
  bool ok = read_run_record(folder + "/run.json", run, error) &&
            read_output_rows(folder + "/rejects.csv", {"file", "line", "column", "reason", "text"}, run.csv_encoding,
                             kRowsShown, rejects, error) &&
            read_output_rows(folder + "/errors.csv", {"kind", "id", "record", "key", "message"}, run.csv_encoding,
                             kRowsShown, errors, error) &&
            host::write_text_file(file, report_html(run, rejects, errors), error);
  if (!ok) {
    std::fprintf(err, "fides report: error: %s\n", error.c_str());
    return 1;
  }
  return 0;
}

}  // namespace fides::report
