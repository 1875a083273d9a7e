#include "feeds/parse/xml_node.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

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

// Children must find what first_child and last_child find: random children whose names share
// long prefixes (past the key's 8 bytes), differ in case or prefix only, among text nodes.
// text_view_of views the document's text when there is one text node, and otherwise gives
// what text_of gives, from `storage`; is_blank and raw_content_view agree with their copying
// forms.
TEST(XmlNode, TextViewsEqualTheCopiesAndViewTheDocumentWhenTheyCan) {
  struct Case {
    const char* xml;
    const char* text;
    bool viewed;  // one text node: a view into the document
  };
  const Case cases[] = {
      {"<a>plain</a>", "plain", true},
      {"<a><![CDATA[<b>x</b>]]></a>", "<b>x</b>", true},
      {"<a> \n\t </a>", " \n\t ", true},
      {"<a/>", "", false},
      {"<a>one<b>two</b>three</a>", "onetwothree", false},
      {"<a><b><c>deep</c></b> end</a>", "deep end", false},
      {"<a>x<![CDATA[y]]></a>", "xy", false},
      {"<a><!--c-->text</a>", "text", false},
  };
  for (const auto& c : cases) {
    pugi::xml_document document;
    // Whitespace-only text and comments kept as nodes (load_xml drops them): every kind of
    // child a text may sit between.
    ASSERT_TRUE(document.load_string(
        c.xml, pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_comments));
    const auto node = document.first_child();
    std::string storage = "left over";
    const std::string_view view = text_view_of(node, storage);
    EXPECT_EQ(view, c.text) << c.xml;
    EXPECT_EQ(view, text_of(node)) << c.xml;
    EXPECT_EQ(view.data() != storage.data(), c.viewed) << c.xml;
    EXPECT_EQ(is_blank(node), trimmed_text_of(node).empty()) << c.xml;
    std::string raw_storage;
    EXPECT_EQ(raw_content_view(node, raw_storage), raw_content(node)) << c.xml;
  }
  pugi::xml_document document;
  const auto text = only_element(document, "<a>only</a>").first_child();
  std::string storage;
  EXPECT_EQ(text_view_of(text, storage), "only") << "a text node views its own value";
  EXPECT_TRUE(is_blank(only_element(document, "<a> <b>\n</b> </a>")));
  EXPECT_FALSE(is_blank(only_element(document, "<a> <b>x</b> </a>")));
}

TEST(XmlNode, BaseInScopeIsTheDocumentBaseItselfOrTheXmlBasesResolvedInOrder) {
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(
      "<feed xml:base='http://a.example/b/'><entry xml:base='c/'><link xml:base='d'/>"
      "<id/></entry><entry xml:base=''><link/></entry><plain/></feed>"));
  const std::string document_base = "http://doc.example/feed.xml";
  const auto feed = document.child("feed");
  const auto entry = feed.child("entry");
  std::string storage;
  EXPECT_EQ(base_in_scope(entry.child("link"), document_base, storage), "http://a.example/b/c/d");
  EXPECT_EQ(base_in_scope(entry.child("id"), document_base, storage), "http://a.example/b/c/");
  EXPECT_EQ(base_in_scope(entry.next_sibling("entry").child("link"), document_base, storage),
            document_base);
  EXPECT_EQ(base_in_scope(feed.child("plain"), document_base, storage), "http://a.example/b/");
  // Without an xml:base on the path: the document base itself, whatever storage holds.
  pugi::xml_document bare;
  ASSERT_TRUE(bare.load_string("<rss><channel><item><link/></item></channel></rss>"));
  const auto view =
      base_in_scope(bare.first_element_by_path("rss/channel/item/link"), document_base, storage);
  EXPECT_EQ(view.data(), document_base.data());
  EXPECT_EQ(view.size(), document_base.size());
}

TEST(Children, FindWhatFirstChildAndLastChildFind) {
  const std::vector<std::string> names = {"title",          "Title",
                                          "TITLE",          "titles",
                                          "itunes:summary", "itunes:subtitle",
                                          "itunes:Summary", "ITUNES:summary",
                                          "dc:date",        "dc:dates",
                                          "date",           "a:b:c",
                                          "guid",           "x"};
  const std::vector<std::pair<std::string, std::string>> lookups = {{"", "title"},
                                                                    {"itunes", "summary"},
                                                                    {"itunes", "subtitle"},
                                                                    {"dc", "date"},
                                                                    {"", "date"},
                                                                    {"a", "b:c"},
                                                                    {"", "a:b:c"},
                                                                    {"", "guid"},
                                                                    {"", "description"},
                                                                    {"itunes", "SUMMARY"},
                                                                    {"", "x"},
                                                                    {"", ""}};
  std::mt19937 random(5);
  for (int round = 0; round < 2000; ++round) {
    std::string xml = "<r>";
    const auto count = random() % 12;
    for (std::size_t i = 0; i < count; ++i) {
      if (random() % 3 == 0) xml += "text";
      const std::string& name = names[random() % names.size()];
      xml += "<" + name + ">" + std::to_string(i) + "</" + name + ">";
    }
    xml += "</r>";
    pugi::xml_document document;
    ASSERT_TRUE(document.load_string(xml.c_str())) << xml;
    const pugi::xml_node parent = document.first_child();
    const Children children(parent);
    for (const auto& [prefix, local] : lookups) {
      EXPECT_EQ(children.first(prefix, local), first_child(parent, prefix, local)) << xml;
      EXPECT_EQ(children.last(prefix, local), last_child(parent, prefix, local)) << xml;
    }
  }
}

TEST(Children, ListTheChildElementsInOrder) {
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string("<r>a<b/>c<!--d--><e:f/></r>"));
  const Children children(document.first_child());
  std::vector<std::string> seen;
  for (const auto& child : children) seen.emplace_back(child.name);
  EXPECT_EQ(seen, (std::vector<std::string>{"b", "e:f"}));
  EXPECT_EQ(children.parent(), document.first_child());
}

}  // namespace
}  // namespace feeds::xml
