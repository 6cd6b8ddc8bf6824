#include "data/params.h"

#include "data/typed_value.h"

namespace fides::data {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }
}  // namespace

bool load_params(const fides_pack& pack,
                 const std::vector<std::pair<std::string, std::string>>& overrides,
                 Dataset& dataset, LoadFailure& failure) {
  std::vector<std::string> literal(pack.n_params);
  std::vector<bool> overridden(pack.n_params, false);
  for (uint32_t i = 0; i < pack.n_params; ++i) literal[i] = str_or_empty(pack.params[i].default_literal);
  for (const auto& [name, value] : overrides) {
    uint32_t i = 0;
    while (i < pack.n_params && name != str_or_empty(pack.params[i].name)) ++i;
    if (i == pack.n_params) {
      std::string known;
      for (uint32_t j = 0; j < pack.n_params; ++j)
        known += (j ? ", " : "") + std::string(str_or_empty(pack.params[j].name));
      failure = {2, "unknown parameter '" + name + "' in --param; " +
                        (known.empty() ? "the pack has no parameters" : "the pack's parameters are: " + known)};
      return false;
    }
    literal[i] = value;
    overridden[i] = true;
  }
  dataset.params.assign(pack.n_params, fides_param_value{});
  dataset.param_texts.assign(pack.n_params, "");
  for (uint32_t i = 0; i < pack.n_params; ++i) {
    const fides_param_desc& p = pack.params[i];
    fides_param_value& v = dataset.params[i];
    v.text = dataset.arena.copy_str(literal[i]);
    dataset.param_texts[i] = literal[i];
    if (p.type == FIDES_TYPE_TEXT) continue;
    std::string_view s = trim_blanks(literal[i]);
    const char* reason = s.empty() ? "empty value" : parse_typed(p.type, s, v.value);
    if (!reason) continue;
    std::string name = str_or_empty(p.name);
    if (overridden[i]) {
      failure = {2, "--param " + name + "=" + literal[i] + ": " + reason + "; " + name + " is " +
                        type_name(p.type) + " (default " + str_or_empty(p.default_literal) + ")"};
    } else {
      failure = {1, "malformed pack: parameter " + name + " has default '" + literal[i] + "': " + reason};
    }
    return false;
  }
  return true;
}

}  // namespace fides::data
