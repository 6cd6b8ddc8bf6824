// `fides diff OLD.so NEW.so --data DIR [--out DIR] [--exit-code] [fides-score options]`:
// scores both packs on the same data (each loading it as it reads it; one
// dataset in memory at a time) and prints per rule the findings added,
// removed and changed in amount, and per scorecard the subjects whose grade
// changes (diff_text.h); --out DIR also writes every change (diff_files.h).
// Exit 0 whether or not they differ, or with --exit-code 0 same / 1 differ;
// 2 for a usage error or when a pack cannot be run, as diff(1) does.
#pragma once

#include <cstdio>
#include <string_view>
#include <vector>

namespace fides::diff {

int run_diff_command(const std::vector<std::string_view>& args, FILE* out, FILE* err);

}  // namespace fides::diff
