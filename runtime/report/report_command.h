// `fides report OUT [-o FILE]`: the report page (report_html.h) of the
// fides-score output folder OUT, written to FILE (default OUT/report.html).
// Exit 0 written; 1 the folder does not hold a finished run fides report can
// read, or FILE cannot be written; 2 usage.
#pragma once

#include <cstdio>
#include <string_view>
#include <vector>

namespace fides::report {

int run_report_command(const std::vector<std::string_view>& args, FILE* err);

extern const char* const kReportUsage;

}  // namespace fides::report
