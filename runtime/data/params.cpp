#include "data/params.h"

#include "data/typed_value.h"

namespace fides::data {
namespace {
const char* str_or_empty(const char* s) { return s ? s : ""; }

// "; readmit_days is int from 1 to 90 (default 15)": what a usage error about
// a parameter says about it, so the user sees what is allowed.
std::string described(const fides_param_desc& p) {
  std::string s = "; " + std::string(str_or_empty(p.name)) + " is " + type_name(p.type);
  if (p.has_range) s += std::string(" from ") + str_or_empty(p.range_low) + " to " + str_or_empty(p.range_high);
  return s + " (default " + str_or_empty(p.default_literal) + ")";
}

// Checks a parsed value against the param's range; the reason when outside.
// A bound that does not parse is a malformed pack (exit 1).
const char* check_range(const fides_param_desc& p, int64_t value, LoadFailure& failure, bool& malformed) {
  if (!p.has_range) return nullptr;
  int64_t bound[2];
  const char* text[2] = {str_or_empty(p.range_low), str_or_empty(p.range_high)};
  for (int b = 0; b < 2; ++b) {
    if (const char* reason = parse_typed(p.type, trim_blanks(text[b]), bound[b])) {
      failure = {1, "malformed pack: parameter " + std::string(str_or_empty(p.name)) + " has range bound '" +
                        text[b] + "': " + reason};
      malformed = true;
      return reason;
    }
  }
  if (value < bound[0] || value > bound[1]) return "outside its range";
  return nullptr;
}
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
    // Two values for one name: which one was meant is not ours to guess.
    if (overridden[i]) {
      failure = {2, "--param " + name + " is given twice ('" + literal[i] + "' and '" + value + "')" +
                        described(pack.params[i])};
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
    bool malformed = false;
    if (!reason) reason = check_range(p, v.value, failure, malformed);
    if (malformed) return false;
    if (!reason) continue;
    std::string name = str_or_empty(p.name);
    if (overridden[i]) {
      failure = {2, "--param " + name + "=" + literal[i] + ": " + reason + described(p)};
    } else {
      failure = {1, "malformed pack: parameter " + name + " has default '" + literal[i] + "': " + reason};
    }
    return false;
  }
  return true;
}

}  // namespace fides::data
