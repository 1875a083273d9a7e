#pragma once
/// Lookup of element and attribute names in the small constant tables of feeds/html. Called
/// for every tag of every item, so it compares lengths and first letters before the bytes.

#include <string_view>

namespace feeds::detail {

/// True when `a` and `b` are equal; cheap when they differ in length or first byte.
constexpr bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || a[0] == b[0]) && a == b;
}

/// True when `name` is one of `names`.
template <class Names>
constexpr bool contains_name(const Names& names, std::string_view name) {
  for (const std::string_view candidate : names) {
    if (same_name(candidate, name)) {
      return true;
    }
  }
  return false;
}

}  // namespace feeds::detail
