#include "feeds/parse/xml_node.hpp"

#include <gtest/gtest.h>

#include <pugixml.hpp>

namespace feeds::xml {
namespace {

pugi::xml_node only_element(pugi::xml_document& document, const char* xml) {
  EXPECT_TRUE(document.load_string(xml));
  return document.first_child();
}

TEST(XmlNode, IsElementMatchesPrefixExactlyAndLocalNameWithoutCase) {
  pugi::xml_document document;
  const auto link = only_element(document, "<atom:Link/>");
  EXPECT_TRUE(is_element(link, "atom", "link"));
  EXPECT_TRUE(is_element(link, "atom", "LINK"));
  EXPECT_FALSE(is_element(link, "ATOM", "link")) << "prefixes are compared as written";
  EXPECT_FALSE(is_element(link, "", "link")) << "a prefixed name is not an unprefixed one";
  EXPECT_FALSE(is_element(link, "atom", "lin"));
  EXPECT_FALSE(is_element(link, "ato", "mlink"));
  EXPECT_FALSE(is_element(link, "at", "om:link"));
}

TEST(XmlNode, NameIsComparesANameAsIsElementDoes) {
  EXPECT_TRUE(name_is("atom:Link", "atom", "link"));
  EXPECT_FALSE(name_is("atom:Link", "ATOM", "link"));
  EXPECT_FALSE(name_is("atom:Links", "atom", "link"));
  EXPECT_TRUE(name_is("pubDate", "", "pubdate"));
  EXPECT_FALSE(name_is("dc:date", "", "date")) << "no prefix asked, none allowed";
  EXPECT_FALSE(name_is("", "", "title")) << "a text node's empty name";
}

TEST(XmlNode, IsElementWithoutPrefixRefusesEveryColon) {
  pugi::xml_document document;
  EXPECT_TRUE(is_element(only_element(document, "<Title/>"), "", "title"));
  EXPECT_FALSE(is_element(only_element(document, "<titles/>"), "", "title"));
  EXPECT_FALSE(is_element(only_element(document, "<:title/>"), "", "title"));
  EXPECT_FALSE(is_element(only_element(document, "<a:b/>"), "", "a:b"));
  EXPECT_TRUE(is_element(only_element(document, "<a:b:c/>"), "a", "b:c")) << "first colon splits";
}

TEST(XmlNode, IsElementIsFalseForTextAndEmptyNodes) {
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string("<r>title</r>"));
  EXPECT_FALSE(is_element(document.first_child().first_child(), "", "title"));
  EXPECT_FALSE(is_element(pugi::xml_node(), "", ""));
}

}  // namespace
}  // namespace feeds::xml
