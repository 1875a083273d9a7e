#pragma once
/// Lookup of element names in the small constant tables of feeds/html. Called
/// for every start and end tag of every item, several times (action, text break, void), so a
/// lookup is one hash and, almost always, one comparison.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace feeds::detail {

/// True when `a` and `b` are equal; cheap when they differ in length or first byte.
constexpr bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || a[0] == b[0]) && a == b;
}

/// A constant map from names to values: an open-addressing hash table built when the map is
/// (at compile time), with at least four slots per name, so a probe sequence is short. A name
/// is hashed from its length and its first, middle and last bytes: what tells HTML names apart.
template <typename Value, std::size_t N>
class NameMap {
 public:
  struct Entry {
    std::string_view name;
    Value value{};
  };

  constexpr explicit NameMap(std::array<Entry, N> entries) {
    for (const Entry& entry : entries) {
      // An empty name would read as a free slot: the array must be filled, and with names.
      if (entry.name.empty()) throw "NameMap: an empty name, or fewer entries than N";
      insert(entry);
    }
  }

  /// The value stored for `name`; nullptr when it has none.
  constexpr const Value* find(std::string_view name) const {
    const std::size_t slot = slot_holding(name);
    return slot == slots ? nullptr : &slots_[slot].value;
  }

  /// Whether `name` has a value. Compares no pointers, so it is a constant expression under
  /// the sanitizers too (GCC does not fold pointer comparisons there).
  constexpr bool contains(std::string_view name) const { return slot_holding(name) != slots; }

 private:
  /// The slot holding `name`; `slots` when none does.
  constexpr std::size_t slot_holding(std::string_view name) const {
    for (std::size_t slot = slot_of(name);; slot = (slot + 1) & (slots - 1)) {
      const Entry& stored = slots_[slot];
      if (stored.name.empty()) return slots;  // names are never empty: a free slot ends it
      if (same_name(stored.name, name)) return slot;
    }
  }

  static constexpr std::size_t slots = std::bit_ceil(4 * N);
  static constexpr int slot_bits = std::countr_zero(slots);

  static constexpr std::size_t slot_of(std::string_view name) {
    std::uint64_t key = name.size();
    if (!name.empty()) {
      const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(name[i]); };
      key = (key << 24) | (std::uint64_t{byte(0)} << 16) |
            (std::uint64_t{byte(name.size() / 2)} << 8) | byte(name.size() - 1);
    }
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - slot_bits));
  }

  constexpr void insert(const Entry& entry) {
    std::size_t slot = slot_of(entry.name);
    while (!slots_[slot].name.empty()) slot = (slot + 1) & (slots - 1);
    slots_[slot] = entry;
  }

  std::array<Entry, slots> slots_{};
};

/// A constant set of names, looked up as NameMap's.
template <std::size_t N>
class NameSet {
 public:
  constexpr explicit NameSet(std::array<std::string_view, N> names) : map_(entries(names)) {}

  constexpr bool contains(std::string_view name) const { return map_.contains(name); }

 private:
  using Map = NameMap<bool, N>;
  static constexpr std::array<typename Map::Entry, N> entries(
      std::array<std::string_view, N> names) {
    std::array<typename Map::Entry, N> entries{};
    for (std::size_t i = 0; i < N; ++i) entries[i] = {names[i], true};
    return entries;
  }

  Map map_;
};

}  // namespace feeds::detail
