// Random well-typed Fides packs, deterministic from a seed (splitmix64, see
// tests/differential/data_gen.h), for the differential test of the two back
// ends (random_test.cpp). Every generated pack must pass `fides check`; one
// that does not is a generator bug, reported apart from back-end
// disagreements. README.md lists what the generator covers.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace fides::randprog {

struct GeneratedPack {
  std::string main;                          // main.fides
  std::map<std::string, std::string> files;  // table files, by path relative to main.fides
};

GeneratedPack generate_program(uint64_t seed);

}  // namespace fides::randprog
