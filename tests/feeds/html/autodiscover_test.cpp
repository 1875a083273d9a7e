#include <gtest/gtest.h>

#include "feeds/html/autodiscover.hpp"

namespace feeds {
namespace {

TEST(DiscoverFeeds, FindsAlternateFeedLinksResolvedAndDeduplicated) {
  auto feeds = discover_feeds(R"html(<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="/style.css">
    <link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">
    <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">
    <link rel="alternate" type="text/html" href="/fr/">
    <link rel="alternate" type="application/rss+xml" href="/feed.xml">
    <link rel="feed alternate" type="application/feed+json" href="https://cdn.example.net/feed.json">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body><p>Hi</p></body></html>)html",
                              "https://blog.example.org/posts/");
  ASSERT_EQ(feeds.size(), 3u);
  EXPECT_EQ(feeds[0].url, "https://blog.example.org/feed.xml");
  EXPECT_EQ(feeds[0].title, "Posts");
  EXPECT_EQ(feeds[1].url, "https://blog.example.org/posts/atom.xml");
  EXPECT_EQ(feeds[1].type, "application/atom+xml; charset=utf-8");
  EXPECT_EQ(feeds[2].url, "https://cdn.example.net/feed.json");
}

TEST(DiscoverFeeds, HonoursBaseHref) {
  auto feeds = discover_feeds(R"(<html><head><base href="https://other.example/sub/">
    <link rel="alternate" type="application/atom+xml" href="feed"></head></html>)",
                              "https://site.example/");
  ASSERT_EQ(feeds.size(), 1u);
  EXPECT_EQ(feeds[0].url, "https://other.example/sub/feed");
}

TEST(DiscoverFeeds, FindsNothingOnAPageWithoutFeedLinksOrOnGarbage) {
  EXPECT_TRUE(discover_feeds("<html><body>no feeds</body></html>", "https://x.example/").empty());
  EXPECT_TRUE(discover_feeds(std::string("\x00\xff\xfe garbage", 12), "https://x.example/").empty());
}

TEST(LooksLikeHtmlPage, TellsPagesFromFeeds) {
  EXPECT_TRUE(looks_like_html_page("<!DOCTYPE html><html>"));
  EXPECT_TRUE(looks_like_html_page("\n  <HTML lang=en>"));
  EXPECT_FALSE(looks_like_html_page("<?xml version=\"1.0\"?><rss version=\"2.0\"></rss>"));
}

}  // namespace
}  // namespace feeds
