#include "sema/builtins.h"

#include <algorithm>
#include <array>

namespace fides::sema {
namespace {

constexpr uint8_t count_params(std::string_view p) {
  return static_cast<uint8_t>(std::count(p.begin(), p.end(), ',') + 1);
}

constexpr std::array kBuiltins = {
#define BUILTIN(id, name, params, result, symbol) \
  BuiltinInfo{BuiltinId::id, name, params, result, #symbol, count_params(params)},
#include "sema/builtins.def"
#undef BUILTIN
};
static_assert(kBuiltins.size() == static_cast<size_t>(BuiltinId::count_));

}  // namespace

const BuiltinInfo& builtin_info(BuiltinId id) { return kBuiltins[static_cast<size_t>(id)]; }
std::span<const BuiltinInfo> all_builtins() { return kBuiltins; }
bool is_builtin_name(std::string_view name) {
  return std::any_of(kBuiltins.begin(), kBuiltins.end(), [&](const BuiltinInfo& b) { return b.name == name; });
}

}  // namespace fides::sema
