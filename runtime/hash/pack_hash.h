// The content hash of a pack: hex SHA-256 over, for each source in order,
// path, NUL, its length as 8 bytes little-endian, text; then for each table
// in order, name, NUL, length (8 bytes LE), embedded CSV. The compiler stamps
// a pack with it; the host recomputes it from the descriptor and refuses a
// pack whose stamp differs.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fides/pack_abi.h"

namespace fides::hash {

using NamedText = std::pair<std::string_view, std::string_view>;  // (path or name, text)

std::string pack_content_hash(const std::vector<NamedText>& sources,
                              const std::vector<NamedText>& tables);

// The same, over the sources and tables a descriptor embeds.
std::string pack_content_hash(const fides_pack& pack);

}  // namespace fides::hash
