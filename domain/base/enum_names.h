// One table per enum maps its values to their stable wire names (the API's and the events'
// vocabulary) and back, so names are written once. Used by the domain's *_name / parse_* pairs.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace gongkai::domain {

template <typename E>
struct EnumName {
  E value;
  std::string_view name;
};

template <typename E, std::size_t N>
[[nodiscard]] constexpr std::string_view name_in(const std::array<EnumName<E>, N>& table, E value) {
  for (const auto& entry : table) {
    if (entry.value == value) {
      return entry.name;
    }
  }
  return "unknown";
}

template <typename E, std::size_t N>
[[nodiscard]] constexpr std::optional<E> parse_in(const std::array<EnumName<E>, N>& table,
                                                  std::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) {
      return entry.value;
    }
  }
  return std::nullopt;
}

}  // namespace gongkai::domain
