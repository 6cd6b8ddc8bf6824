// What every golden-file test needs: a file's bytes, and whether
// FIDES_UPDATE_GOLDEN=1 asks for the expected files to be rewritten.
#pragma once

#include <string>

namespace fides::test {

// The whole file, byte for byte; "" when it cannot be read.
std::string read_text_file(const std::string& path);

// FIDES_UPDATE_GOLDEN=1: rewrite expected files from what the code does now.
bool updating_golden();

}  // namespace fides::test
