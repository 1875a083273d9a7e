#include <gtest/gtest.h>

#include <string>

#include "feeds/write/xml_safe.hpp"

namespace feeds {
namespace {

using namespace std::string_literals;

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

const std::string replacement = "\xEF\xBF\xBD";

class XmlSafe : public testing::TestWithParam<Case> {};

TEST_P(XmlSafe, CleansAsSpecified) {
  EXPECT_EQ(xml_safe(GetParam().input), GetParam().expected);
  EXPECT_EQ(xml_safe(GetParam().expected), GetParam().expected) << "not idempotent";
}

INSTANTIATE_TEST_SUITE_P(
    Table, XmlSafe,
    testing::Values(
        Case{"plain", "Hello, <world> & \"you\"", "Hello, <world> & \"you\""},
        Case{"nul", "a\0b"s, "ab"},
        Case{"c0_controls", "\x01\x02\x03\x04\x05\x06\x07\x08|\x0B\x0C|\x0E\x0F\x10\x1A\x1B\x1F.",
             "||."},
        Case{"tab_and_newline_kept", "a\tb\nc", "a\tb\nc"},
        Case{"crlf_and_cr_become_lf", "a\r\nb\rc\r", "a\nb\nc\n"},
        Case{"delete_and_c1_kept", "\x7F\xC2\x80\xC2\x9F", "\x7F\xC2\x80\xC2\x9F"},
        Case{"nonchars_fffe_ffff", "x\xEF\xBF\xBEy\xEF\xBF\xBFz", "xyz"},
        Case{"fffd_kept", "\xEF\xBF\xBD", "\xEF\xBF\xBD"},
        Case{"other_nonchars_kept", "\xEF\xB7\x90\xF0\x9F\xBF\xBE", "\xEF\xB7\x90\xF0\x9F\xBF\xBE"},
        Case{"multibyte_kept", "\xC3\xA9 \xE6\xBC\xA2 \xF0\x9F\x98\x80",
             "\xC3\xA9 \xE6\xBC\xA2 \xF0\x9F\x98\x80"},
        Case{"lone_high_surrogate", "a\xED\xA0\x80z",
             "a" + replacement + replacement + replacement + "z"},
        Case{"lone_low_surrogate", "\xED\xBF\xBF", replacement + replacement + replacement},
        Case{"cesu_pair", "\xED\xA0\xBD\xED\xB2\xA9",
             std::string() + replacement + replacement + replacement + replacement + replacement +
                 replacement},
        Case{"stray_continuation", "a\x80z", "a" + replacement + "z"},
        Case{"overlong_slash", "\xC0\xAF", replacement + replacement},
        Case{"overlong_three_byte", "\xE0\x80\xAF", replacement + replacement + replacement},
        Case{"above_10ffff", "\xF4\x90\x80\x80",
             replacement + replacement + replacement + replacement},
        Case{"invalid_lead_f5", "\xF5", replacement},
        Case{"truncated_at_end", "ok\xE2\x82", "ok" + replacement},
        Case{"truncated_then_ascii", "\xE2\x82z", replacement + "z"},
        Case{"truncated_four_byte", "\xF0\x9F\x98z", replacement + "z"},
        Case{"max_code_point", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF"},
        Case{"cdata_end_untouched", "]]>", "]]>"}, Case{"empty", "", ""}),
    [](const testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace feeds
