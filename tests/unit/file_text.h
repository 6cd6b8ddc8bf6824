// The whole text of a file the tests read (a reference, a source), or "" when
// it cannot be read.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace fides::test {

inline std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace fides::test
