#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "feeds/write/opml_writer.hpp"
#include "merged_feed_sample.hpp"

namespace feeds {
namespace {

std::vector<OpmlOutline> subscriptions() {
  return {
      OpmlOutline{
          "Example Blog", "https://example.org/feed.xml", "https://example.org/", {"news", "tech"}},
      OpmlOutline{"", "https://links.example.com/rss", std::nullopt, {}},
      OpmlOutline{"Q&A <weekly>", "https://qa.example.net/feed?a=1&b=2", std::nullopt, {"a/b,c"}}};
}

TEST(OpmlWriter, MatchesTheGoldenDocument) {
  EXPECT_EQ(write_opml(subscriptions(), "feedd subscriptions"),
            test::read_golden("subscriptions.opml"));
}

TEST(OpmlWriter, WritesOneFlatOutlinePerFeedWithCategories) {
  auto text = write_opml(subscriptions(), "Mine");
  pugi::xml_document document;
  ASSERT_EQ(document.load_buffer(text.data(), text.size()).status, pugi::status_ok);
  auto root = document.document_element();
  EXPECT_STREQ(root.name(), "opml");
  EXPECT_STREQ(root.attribute("version").value(), "2.0");
  EXPECT_STREQ(root.child("head").child_value("title"), "Mine");
  std::vector<pugi::xml_node> outlines;
  for (auto outline : root.child("body").children("outline")) {
    EXPECT_FALSE(outline.first_child()) << "no folders";
    EXPECT_STREQ(outline.attribute("type").value(), "rss");
    outlines.push_back(outline);
  }
  ASSERT_EQ(outlines.size(), 3u);
  EXPECT_STREQ(outlines[0].attribute("text").value(), "Example Blog");
  EXPECT_STREQ(outlines[0].attribute("htmlUrl").value(), "https://example.org/");
  EXPECT_STREQ(outlines[0].attribute("category").value(), "/news,/tech");
  EXPECT_STREQ(outlines[1].attribute("text").value(), "https://links.example.com/rss");
  EXPECT_FALSE(outlines[1].attribute("htmlUrl"));
  EXPECT_FALSE(outlines[1].attribute("category"));
  EXPECT_STREQ(outlines[2].attribute("title").value(), "Q&A <weekly>");
  EXPECT_STREQ(outlines[2].attribute("xmlUrl").value(), "https://qa.example.net/feed?a=1&b=2");
  EXPECT_STREQ(outlines[2].attribute("category").value(), "/a-b-c");
}

TEST(OpmlWriter, EmptyListIsAValidDocument) {
  auto text = write_opml({}, "");
  pugi::xml_document document;
  ASSERT_EQ(document.load_buffer(text.data(), text.size()).status, pugi::status_ok);
  EXPECT_TRUE(document.document_element().child("body"));
}

}  // namespace
}  // namespace feeds
