#include "feeds/html/byte_runs.hpp"

#include <gtest/gtest.h>

#include <string>

namespace feeds::detail {
namespace {

constexpr RunStops text_stops{{'&', '<', '>', 0xC2, 0xEF, '&'}, {'\t', '\n', '\r'}, false};
constexpr RunStops ascii_stops{{'<', '&', '"', '\'', '<', '<'}, {'\t', '\n', '\n'}, true};

// The byte loop's answer, which the sixteen-byte blocks must give too.
std::size_t byte_by_byte(std::string_view text, const RunStops& stops) {
  std::size_t i = 0;
  while (i < text.size() && !stops.stops_at(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

// Every byte value at every offset of a 40-byte run: inside the first and second blocks of
// sixteen, and in the tail the blocks leave.
TEST(ByteRuns, StopsAtTheFirstStoppingByteWhereverItIs) {
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string text(40, 'a');
      text[at] = static_cast<char>(byte);
      EXPECT_EQ(run_length<text_stops>(text), byte_by_byte(text, text_stops))
          << "byte " << byte << " at " << at;
      EXPECT_EQ(run_length<ascii_stops>(text), byte_by_byte(text, ascii_stops))
          << "byte " << byte << " at " << at;
    }
  }
}

TEST(ByteRuns, TheStopsAreTheListedBytesControlsAndOptionallyNonAscii) {
  EXPECT_TRUE(text_stops.stops_at('<'));
  EXPECT_TRUE(text_stops.stops_at(0xC2));
  EXPECT_TRUE(text_stops.stops_at(0x01));
  EXPECT_FALSE(text_stops.stops_at('\r'));
  EXPECT_FALSE(text_stops.stops_at(0x7F));
  EXPECT_FALSE(text_stops.stops_at(0xD0));
  EXPECT_FALSE(text_stops.stops_at('"'));
  EXPECT_TRUE(ascii_stops.stops_at('\r'));
  EXPECT_TRUE(ascii_stops.stops_at(0x7F));
  EXPECT_TRUE(ascii_stops.stops_at(0x80));
  EXPECT_TRUE(ascii_stops.stops_at(0xFF));
  EXPECT_FALSE(ascii_stops.stops_at('~'));
  EXPECT_FALSE(ascii_stops.stops_at('\t'));
}

TEST(ByteRuns, ARunWithoutStopsIsTheWholeText) {
  for (std::size_t size = 0; size < 50; ++size) {
    const std::string text(size, 'x');
    EXPECT_EQ(run_length<text_stops>(text), size);
    EXPECT_EQ(run_length<ascii_stops>(text), size);
  }
  const std::string cyrillic = "Москва сервер программа обновление";
  EXPECT_EQ(run_length<text_stops>(cyrillic), cyrillic.size());
  EXPECT_EQ(run_length<ascii_stops>(cyrillic), 0u);
}

}  // namespace
}  // namespace feeds::detail
