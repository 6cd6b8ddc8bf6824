// Where a run may write: the output folder must not be, contain or lie inside
// the --data folder or any input file (--input, --table), so that a run can
// never overwrite or mix with what it reads (spec §9.8). Paths are compared
// after resolving them (symlinks, `..`, relative to the current folder).
#pragma once

#include <string>

#include "data/load_options.h"

namespace fides::host {

// False with a message naming both paths when `out_dir` overlaps an input (exit 2).
bool check_output_folder(const std::string& out_dir, const data::LoadOptions& load, std::string& error);

// Creates `dir` and its parents as needed; false with a message naming it.
bool make_output_folder(const std::string& dir, std::string& error);

// Removes the temporaries (OUTPUT.partial-PID-N, output_file.h) that a run
// killed earlier left in `out_dir`; only those of the five output names.
void remove_leftover_temporaries(const std::string& out_dir);

}  // namespace fides::host
