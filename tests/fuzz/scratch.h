// A private folder for the files a target must hand to code that reads files
// (record files, tables, packs and their signatures): made once per process,
// removed at exit.
#pragma once

#include <string>
#include <string_view>

namespace fides::fuzz {

const std::string& scratch_dir();

// Writes `bytes` to scratch_dir()/name (replacing it) and returns the path.
std::string write_scratch_file(const std::string& name, std::string_view bytes);

}  // namespace fides::fuzz
