// fides-score: scores credit files with a compiled pack. See README.md.
#include <cstdio>
#include <string>
#include <vector>

#include "host/evaluator.h"
#include "host/options.h"
#include "host/pack_library.h"
#include "host/score.h"

int main(int argc, char** argv) {
  using namespace fides::host;
  ScoreCommand command;
  std::string error;
  if (!parse_score_command(argc, argv, command, error)) {
    std::fprintf(stderr, "fides-score: %s\n%s", error.c_str(), score_usage());
    return 2;
  }
  if (command.help) {
    std::fputs(score_usage(), stdout);
    return 0;
  }
  std::vector<fides::trust::PublicKey> trusted(command.trust_keys.size());
  for (size_t i = 0; i < trusted.size(); ++i) {
    if (!fides::trust::read_public_key(command.trust_keys[i], trusted[i], error)) {
      std::fprintf(stderr, "fides-score: --trust: %s\n", error.c_str());
      return 2;
    }
  }
  PackLibrary library;
  if (!library.open(command.pack_path, trusted, error)) {
    std::fprintf(stderr, "fides-score: error: %s\n", error.c_str());
    return 1;
  }
  command.options.pack_origin = library.origin();
  return run_score(evaluator_of(*library.descriptor()), command.options, stderr);
}
