#include <gtest/gtest.h>

#include "daemon/publish/merged_entry.hpp"
#include "publish_test_support.hpp"

namespace feedd {
namespace {

using namespace publish_test;

ItemRecord stored_item() {
  ItemRecord item;
  item.id = 7;
  item.feed_id = 3;
  item.identity_key = "h:abc";
  item.guid = "tag:example.org,2024:1";
  item.url = "https://example.org/tracking/1";
  item.orig_link = "https://example.org/posts/1";
  item.title = "Title";
  item.summary = "Teaser";
  item.content_html = "<p>Teaser</p>";
  item.authors = {feeds::Person{"Ann", std::nullopt, std::nullopt}};
  item.published_at = at(1700000000);
  item.tags = {"rust"};
  item.attachments = {feeds::Attachment{"https://example.org/a.mp3", "audio/mpeg", 10}};
  item.first_seen_at = at(1700000100);
  return item;
}

FeedRecord stored_feed() {
  FeedRecord feed;
  feed.id = 3;
  feed.url = "https://moved.example.org/feed";
  feed.subscribed_url = "https://example.org/feed";
  feed.title = "Example";
  feed.site_url = "https://example.org/";
  return feed;
}

TEST(MergedEntry, PrefersTheExtractedArticleOverTheFeedContent) {
  auto item = stored_item();
  EXPECT_EQ(build_merged_entry(item, stored_feed()).content_html, "<p>Teaser</p>");
  EXPECT_FALSE(build_merged_entry(item, stored_feed()).full_text);
  item.full_text_html = "<p>The whole article</p>";
  item.full_text_status = FullTextStatus::failed;
  EXPECT_EQ(build_merged_entry(item, stored_feed()).content_html, "<p>Teaser</p>");
  item.full_text_status = FullTextStatus::done;
  const auto entry = build_merged_entry(item, stored_feed());
  EXPECT_EQ(entry.content_html, "<p>The whole article</p>");
  EXPECT_TRUE(entry.full_text);
}

TEST(MergedEntry, KeepsTheOriginalLinkAuthorsDatesTagsAndAttachments) {
  const auto entry = build_merged_entry(stored_item(), stored_feed());
  EXPECT_EQ(entry.id, "tag:example.org,2024:1");
  EXPECT_EQ(entry.url, "https://example.org/posts/1");
  EXPECT_EQ(entry.title, "Title");
  EXPECT_EQ(entry.summary, "Teaser");
  ASSERT_EQ(entry.authors.size(), 1u);
  EXPECT_EQ(entry.authors[0].name, "Ann");
  EXPECT_EQ(entry.published, at(1700000000));
  EXPECT_EQ(entry.updated, std::nullopt);
  EXPECT_EQ(entry.tags, std::vector<std::string>{"rust"});
  EXPECT_EQ(entry.attachments.size(), 1u);
}

TEST(MergedEntry, NamesItsFeedAsTheOnlySource) {
  const auto entry = build_merged_entry(stored_item(), stored_feed());
  ASSERT_EQ(entry.sources.size(), 1u);
  const auto& source = entry.sources[0];
  EXPECT_EQ(source.feed_title, "Example");
  EXPECT_EQ(source.feed_url, "https://example.org/feed") << "the subscribed URL";
  EXPECT_EQ(source.feed_home_url, "https://example.org/");
  EXPECT_EQ(source.url, "https://example.org/posts/1");
  EXPECT_EQ(source.date_published, at(1700000000));
}

TEST(MergedEntry, IdIsAUriGuidElseTheLinkElseAStableUrn) {
  auto item = stored_item();
  EXPECT_EQ(merged_entry_id(item), "tag:example.org,2024:1");
  item.guid = "42";
  EXPECT_EQ(merged_entry_id(item), "https://example.org/tracking/1") << "a bare guid is per feed";
  item.url.reset();
  EXPECT_EQ(merged_entry_id(item), "urn:feedd:item:3:h:abc");
  item.guid = "https://example.org/?p=1";
  EXPECT_EQ(merged_entry_id(item), "https://example.org/?p=1");
}

TEST(MergedEntry, AnUndatedItemIsDatedByWhenItWasFirstSeen) {
  auto item = stored_item();
  item.published_at.reset();
  const auto entry = build_merged_entry(item, stored_feed());
  EXPECT_EQ(entry.published, std::nullopt);
  EXPECT_EQ(entry.updated, at(1700000100));
}

TEST(MergedFeedOfOutput, SelfLinksIdAndGenerator) {
  EXPECT_EQ(output_self_url("http://h:1", "all", OutputFormat::atom), "http://h:1/feed.atom");
  EXPECT_EQ(output_self_url("http://h:1/", "news", OutputFormat::json),
            "http://h:1/outputs/news.json");
  EXPECT_EQ(base_url_of(ListenAddress{"::1", 8080}), "http://[::1]:8080");
  const auto feed = build_merged_feed(make_output("news"), OutputFormat::rss, "http://h:1",
                                      {stored_item()}, {stored_feed()});
  EXPECT_EQ(feed.self_url, "http://h:1/outputs/news.rss");
  EXPECT_EQ(feed.home_url, "http://h:1/");
  EXPECT_EQ(feed.id, "urn:feedd:output:news");
  EXPECT_EQ(feed.title, "Output news");
  EXPECT_EQ(feed.generator, std::string("feedd ") + FEEDD_VERSION);
  ASSERT_EQ(feed.entries.size(), 1u);
}

}  // namespace
}  // namespace feedd
