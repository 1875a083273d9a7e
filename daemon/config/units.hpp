#pragma once
/// Durations ("30s", "15m", "1h30m", "7d") and sizes ("512KiB", "20MiB", "10MB") as written in
/// the config file.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace feedd {

/// Parses a duration: one or more `<digits><unit>` groups, units s, m, h, d, w, each unit at most
/// once and from largest to smallest ("1h30m", "2d12h"). No spaces, no fractions, no sign.
/// Returns nullopt for anything else, including an empty string and overflow.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

/// Formats a duration in the shortest form parse_duration reads back ("90m" → "1h30m").
std::string format_duration(std::chrono::seconds duration);

/// Parses a size: `<digits><unit>` with unit B, KiB, MiB, GiB, TiB (powers of 1024) or KB, MB,
/// GB, TB (powers of 1000); units are case-insensitive, a space before the unit is allowed.
/// Returns nullopt for anything else, including a bare number and overflow.
std::optional<std::uint64_t> parse_size(std::string_view text);

}  // namespace feedd
