#include "daemon/config/units.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string_view>

namespace feedd {
namespace {

using std::chrono::seconds;

struct DurationCase {
  std::string_view text;
  std::optional<long> expected_seconds;
};

TEST(ParseDuration, ReadsSingleAndCombinedUnitsAndRejectsTheRest) {
  const DurationCase cases[] = {
      {"30s", 30},
      {"15m", 900},
      {"2h", 7200},
      {"7d", 604800},
      {"1w", 604800},
      {"1h30m", 5400},
      {"2d12h", 216000},
      {"1d2h3m4s", 93784},
      {"0s", 0},
      {"90m", 5400},
      {"", std::nullopt},
      {"30", std::nullopt},
      {"m", std::nullopt},
      {"-5m", std::nullopt},
      {"1.5h", std::nullopt},
      {"1 h", std::nullopt},
      {"30x", std::nullopt},
      {"30M", std::nullopt},
      {"30m1h", std::nullopt},  // units largest first
      {"1h1h", std::nullopt},
      {"99999999999999999999s", std::nullopt},
      {"999999999999999w", std::nullopt},
  };
  for (const auto& [text, expected] : cases) {
    const auto parsed = parse_duration(text);
    if (expected) {
      ASSERT_TRUE(parsed.has_value()) << text;
      EXPECT_EQ(parsed->count(), *expected) << text;
    } else {
      EXPECT_FALSE(parsed.has_value()) << text;
    }
  }
}

TEST(FormatDuration, PrintsTheShortestFormParseDurationReadsBack) {
  EXPECT_EQ(format_duration(seconds(0)), "0s");
  EXPECT_EQ(format_duration(seconds(30)), "30s");
  EXPECT_EQ(format_duration(seconds(5400)), "1h30m");
  EXPECT_EQ(format_duration(seconds(86400 * 180)), "180d");
  EXPECT_EQ(format_duration(seconds(93784)), "1d2h3m4s");
  EXPECT_EQ(parse_duration(format_duration(seconds(93784))), seconds(93784));
}

struct SizeCase {
  std::string_view text;
  std::optional<std::uint64_t> expected;
};

TEST(ParseSize, ReadsBinaryAndDecimalUnitsAndRejectsTheRest) {
  const SizeCase cases[] = {
      {"100B", 100},
      {"512KiB", 512ull * 1024},
      {"10MiB", 10ull << 20},
      {"20MiB", 20ull << 20},
      {"1GiB", 1ull << 30},
      {"2TiB", 2ull << 40},
      {"10KB", 10000},
      {"10MB", 10000000},
      {"1GB", 1000000000},
      {"20mib", 20ull << 20},
      {"20 MiB", 20ull << 20},
      {"0B", 0},
      {"", std::nullopt},
      {"100", std::nullopt},
      {"MiB", std::nullopt},
      {"1.5MiB", std::nullopt},
      {"-1MiB", std::nullopt},
      {"10XB", std::nullopt},
      {"10  MiB", std::nullopt},
      {"99999999999999999999B", std::nullopt},
      {"99999999999GiB", std::nullopt},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(parse_size(text), expected) << text;
  }
}

}  // namespace
}  // namespace feedd
