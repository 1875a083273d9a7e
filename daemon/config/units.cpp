#include "daemon/config/units.hpp"
#include "feeds/ascii.hpp"

#include <array>
#include <cctype>
#include <limits>
#include <string>

namespace feedd {
namespace {

struct Unit {
  std::string_view name;
  std::uint64_t factor;
};

constexpr std::array<Unit, 5> duration_units{
    {{"w", 7 * 86400}, {"d", 86400}, {"h", 3600}, {"m", 60}, {"s", 1}}};

constexpr std::array<Unit, 9> size_units{{{"b", 1},
                                          {"kib", 1ull << 10},
                                          {"mib", 1ull << 20},
                                          {"gib", 1ull << 30},
                                          {"tib", 1ull << 40},
                                          {"kb", 1000ull},
                                          {"mb", 1000ull * 1000},
                                          {"gb", 1000ull * 1000 * 1000},
                                          {"tb", 1000ull * 1000 * 1000 * 1000}}};

/// Reads leading digits into `value`; false when there are none or they overflow.
bool read_number(std::string_view& text, std::uint64_t& value) {
  std::size_t length = 0;
  value = 0;
  while (length < text.size() && std::isdigit(static_cast<unsigned char>(text[length]))) {
    const std::uint64_t digit = static_cast<std::uint64_t>(text[length] - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
    value = value * 10 + digit;
    ++length;
  }
  text.remove_prefix(length);
  return length > 0;
}

bool multiply(std::uint64_t value, std::uint64_t factor, std::uint64_t& product) {
  if (factor != 0 && value > std::numeric_limits<std::uint64_t>::max() / factor) return false;
  product = value * factor;
  return true;
}

}  // namespace

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  // Seconds are stored in a signed 64-bit count; stay well inside it.
  constexpr std::uint64_t max_seconds = std::numeric_limits<std::int64_t>::max() / 2;
  std::uint64_t total = 0;
  std::size_t next_unit = 0;  // units must appear largest first, each at most once
  if (text.empty()) return std::nullopt;
  while (!text.empty()) {
    std::uint64_t value = 0;
    if (!read_number(text, value) || text.empty()) return std::nullopt;
    std::size_t index = next_unit;
    while (index < duration_units.size() && duration_units[index].name[0] != text[0]) ++index;
    if (index == duration_units.size()) return std::nullopt;
    text.remove_prefix(1);
    next_unit = index + 1;
    std::uint64_t seconds = 0;
    if (!multiply(value, duration_units[index].factor, seconds)) return std::nullopt;
    if (seconds > max_seconds - total) return std::nullopt;
    total += seconds;
  }
  return std::chrono::seconds(static_cast<std::int64_t>(total));
}

std::string format_duration(std::chrono::seconds duration) {
  if (duration.count() <= 0) return "0s";
  auto remaining = static_cast<std::uint64_t>(duration.count());
  std::string text;
  for (const Unit& unit : duration_units) {
    // Weeks read oddly ("1w3d"); days are the largest unit we print.
    if (unit.name == "w") continue;
    if (remaining >= unit.factor) {
      text += std::to_string(remaining / unit.factor) + std::string(unit.name);
      remaining %= unit.factor;
    }
  }
  return text;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  std::uint64_t value = 0;
  if (!read_number(text, value)) return std::nullopt;
  if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const std::string unit = feeds::ascii_lower(text);
  for (const Unit& candidate : size_units) {
    std::uint64_t bytes = 0;
    if (candidate.name == unit) {
      if (!multiply(value, candidate.factor, bytes)) return std::nullopt;
      return bytes;
    }
  }
  return std::nullopt;
}

}  // namespace feedd
