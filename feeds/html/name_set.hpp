#pragma once
/// Lookup of element and attribute names in the small constant tables of feeds/html. Called
/// for every tag of every item, so it compares lengths (and first letters) before the bytes.

#include <algorithm>
#include <array>
#include <string_view>

namespace feeds::detail {

/// True when `a` and `b` are equal; cheap when they differ in length or first byte.
constexpr bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || a[0] == b[0]) && a == b;
}

/// Orders names by length, then bytes: most comparisons of a search are of two sizes.
constexpr bool shorter_or_before(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

/// A constant set of names, sorted when it is built (at compile time): a lookup is a binary
/// search, 6 steps among 53 names instead of a pass over all of them.
template <std::size_t N>
class NameSet {
 public:
  constexpr explicit NameSet(std::array<std::string_view, N> names) : names_(names) {
    std::sort(names_.begin(), names_.end(), shorter_or_before);
  }

  constexpr bool contains(std::string_view name) const {
    const auto found = std::lower_bound(names_.begin(), names_.end(), name, shorter_or_before);
    return found != names_.end() && *found == name;
  }

 private:
  std::array<std::string_view, N> names_;
};

}  // namespace feeds::detail
