#include <gtest/gtest.h>

#include "feeds/html/text.hpp"

namespace {

TEST(HtmlEntities, FindsCommonNamesWithAndWithoutSemicolon) {
  EXPECT_EQ(feeds::lookup_html_entity("eacute"), "\xc3\xa9");
  EXPECT_EQ(feeds::lookup_html_entity("eacute;"), "\xc3\xa9");
  EXPECT_EQ(feeds::lookup_html_entity("amp"), "&");
  EXPECT_EQ(feeds::lookup_html_entity("nbsp"), "\xc2\xa0");
  EXPECT_EQ(feeds::lookup_html_entity("hellip"), "\xe2\x80\xa6");
}

TEST(HtmlEntities, FindsHtml5OnlyAndMultiCodePointNames) {
  EXPECT_EQ(feeds::lookup_html_entity("NotNestedGreaterGreater"), "\xe2\xaa\xa2\xcc\xb8");
  EXPECT_EQ(feeds::lookup_html_entity("CounterClockwiseContourIntegral"), "\xe2\x88\xb3");
  EXPECT_EQ(feeds::lookup_html_entity("bne"), "=\xe2\x83\xa5");
}

TEST(HtmlEntities, RejectsUnknownAndCaseMismatchedNames) {
  EXPECT_FALSE(feeds::lookup_html_entity("").has_value());
  EXPECT_FALSE(feeds::lookup_html_entity("nosuchentity").has_value());
  EXPECT_FALSE(feeds::lookup_html_entity("EACUTE").has_value());
  EXPECT_FALSE(feeds::lookup_html_entity(std::string(1000, 'a')).has_value());
}

TEST(HtmlEntities, LegacyFormsOnlyForNamesTheTableAllowsWithoutSemicolon) {
  EXPECT_EQ(feeds::lookup_legacy_html_entity("amp"), "&");
  EXPECT_EQ(feeds::lookup_legacy_html_entity("copy"), "\xc2\xa9");
  EXPECT_FALSE(feeds::lookup_legacy_html_entity("hellip").has_value());
  EXPECT_FALSE(feeds::lookup_legacy_html_entity("amp;").has_value());
}

}  // namespace
