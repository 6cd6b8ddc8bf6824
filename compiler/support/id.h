// Typed 32-bit indexes into the compiler's stores, so that an expression id can
// never be passed where a file id is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace fides {

template <class Tag>
struct Id {
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t index = kNone;

  constexpr Id() = default;
  constexpr explicit Id(uint32_t i) : index(i) {}
  constexpr bool valid() const { return index != kNone; }
  constexpr explicit operator bool() const { return valid(); }
  constexpr auto operator<=>(const Id&) const = default;
};

using FileId = Id<struct FileTag>;

}  // namespace fides

template <class Tag>
struct std::hash<fides::Id<Tag>> {
  size_t operator()(fides::Id<Tag> id) const noexcept { return std::hash<uint32_t>{}(id.index); }
};
