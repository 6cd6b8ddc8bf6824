// fides-score's command line from random bytes: the option parser, then every
// --param it collected loaded against parameters of every type, with and
// without a range (tests/data/test_schema.h).
#include <string>
#include <vector>

#include "data/params.h"
#include "host/options.h"
#include "targets.h"
#include "test_schema.h"

namespace fides::fuzz {

std::string check_score_options(const uint8_t* data, size_t size) {
  std::vector<std::string> args = {"fides-score"};
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (size_t nul; (nul = rest.find('\0')) != std::string_view::npos; rest.remove_prefix(nul + 1))
    args.emplace_back(rest.substr(0, nul));
  args.emplace_back(rest);
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());

  host::ScoreCommand command;
  std::string error;
  if (!host::parse_score_command(static_cast<int>(argv.size()), argv.data(), command, error))
    return error.empty() ? "a usage error without a message" : "";
  fides_pack pack = test::make_pack();
  data::Dataset dataset;
  data::LoadFailure failure;
  if (data::load_params(pack, command.options.load.params, dataset, failure)) return "";
  // The test schema's defaults and ranges are good: only the overrides can be wrong.
  return failure.exit_code == 2 && !failure.message.empty()
             ? ""
             : "a --param failure with exit code " + std::to_string(failure.exit_code) + ": " + failure.message;
}

}  // namespace fides::fuzz
