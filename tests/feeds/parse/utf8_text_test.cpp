#include "feeds/parse/utf8_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace feeds::utf8 {
namespace {

// What scan finds in a long ASCII text with `inserted` at `at`: every position of the first
// sixteen-byte blocks and of the tail after them.
Scan scan_with(std::string_view inserted, std::size_t at) {
  std::string text(40, 'a');
  text.insert(at, inserted);
  return scan(text);
}

TEST(Utf8Scan, FindsWhatMustBeCleanedAnywhereInALongText) {
  for (std::size_t at = 0; at <= 40; ++at) {
    for (const char* allowed : {"\t", "\n", "\r", "\x7F", "\xC3\xA9", "\xF0\x9F\x98\x80"}) {
      const auto found = scan_with(allowed, at);
      EXPECT_TRUE(found.valid && found.clean) << "allowed byte(s) at " << at;
    }
    for (const char* control : {"\x01", "\x1F", "\x0B", "\xC2\x85"}) {  // the last: C1 NEL
      const auto found = scan_with(control, at);
      EXPECT_TRUE(found.valid) << at;
      EXPECT_FALSE(found.clean) << "control at " << at;
    }
    for (const char* invalid : {"\x80", "\xC3", "\xED\xA0\x80", "\xFF"}) {
      EXPECT_FALSE(scan_with(invalid, at).valid) << "ill-formed at " << at;
    }
  }
}

}  // namespace
}  // namespace feeds::utf8
