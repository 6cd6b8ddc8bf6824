// The built-in function registry (builtins.def) as data.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace fides::sema {

enum class BuiltinId : uint16_t {
#define BUILTIN(id, name, params, result, symbol) id,
#include "sema/builtins.def"
#undef BUILTIN
  count_
};

struct BuiltinInfo {
  BuiltinId id;
  std::string_view name;    // as written in source
  std::string_view params;  // "text,int": see builtins.def
  std::string_view result;
  std::string_view symbol;  // the C function, or "-" when implemented inline
  uint8_t arity;
};

const BuiltinInfo& builtin_info(BuiltinId id);
std::span<const BuiltinInfo> all_builtins();
bool is_builtin_name(std::string_view name);

}  // namespace fides::sema
