#include "golden_file.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace fides::test {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool updating_golden() {
  const char* v = std::getenv("FIDES_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

}  // namespace fides::test
