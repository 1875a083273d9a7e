#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "feeds/parse/date.hpp"
#include "feeds/parse/feed_parser.hpp"
#include "feeds/write/atom_writer.hpp"
#include "merged_feed_sample.hpp"

namespace feeds {
namespace {

using test::sample_feed;
using test::utc;

pugi::xml_node load_root(pugi::xml_document& document, const std::string& text) {
  auto result = document.load_buffer(text.data(), text.size());
  EXPECT_EQ(result.status, pugi::status_ok) << result.description();
  return document.document_element();
}

TEST(AtomWriter, MatchesTheGoldenDocument) {
  EXPECT_EQ(write_atom(sample_feed()), test::read_golden("merged.atom"));
}

TEST(AtomWriter, NamesThePrimarySourceAndLinksTheOthersAsVia) {
  pugi::xml_document document;
  auto entry = load_root(document, write_atom(sample_feed())).child("entry");
  auto source = entry.child("source");
  EXPECT_STREQ(source.child_value("title"), "Example Blog");
  EXPECT_STREQ(source.child_value("id"), "https://example.org/feed.xml");
  EXPECT_STREQ(source.find_child_by_attribute("link", "rel", "self").attribute("href").value(),
               "https://example.org/feed.xml");
  EXPECT_STREQ(source.find_child_by_attribute("link", "rel", "alternate").attribute("href").value(),
               "https://example.org/");
  std::vector<std::pair<std::string, std::string>> via;
  for (auto link : entry.children("link"))
    if (std::string_view(link.attribute("rel").value()) == "via")
      via.emplace_back(link.attribute("href").value(), link.attribute("title").value());
  std::vector<std::pair<std::string, std::string>> expected = {
      {"https://planet.example.net/atom.xml", "Planet Rust"},
      {"https://links.example.com/rss", "Link Roundup"}};
  EXPECT_EQ(via, expected);
  EXPECT_EQ(entry.next_sibling("entry").find_child_by_attribute("link", "rel", "via"),
            pugi::xml_node{});
}

TEST(AtomWriter, UpdatedFallsBackToPublishedThenToTheFeed) {
  auto feed = sample_feed();
  feed.entries[0].updated.reset();
  feed.entries[1].published.reset();
  feed.updated = utc(2024, 4, 1, 0, 0);
  pugi::xml_document document;
  auto root = load_root(document, write_atom(feed));
  EXPECT_STREQ(root.child_value("updated"), "2024-04-01T00:00:00Z");
  auto first = root.child("entry");
  EXPECT_STREQ(first.child_value("updated"), "2024-03-02T10:00:00Z");
  EXPECT_STREQ(first.child_value("published"), "2024-03-02T10:00:00Z");
  auto second = first.next_sibling("entry");
  EXPECT_STREQ(second.child_value("updated"), "2024-04-01T00:00:00Z");
  EXPECT_FALSE(second.child("published"));
}

TEST(AtomWriter, FeedUpdatedIsTheNewestEntryDateElseTheEpoch) {
  pugi::xml_document document;
  EXPECT_STREQ(load_root(document, write_atom(sample_feed())).child_value("updated"),
               "2024-03-02T12:30:00Z");
  MergedFeed empty;
  empty.title = "Empty";
  EXPECT_STREQ(load_root(document, write_atom(empty)).child_value("updated"),
               "1970-01-01T00:00:00Z");
}

TEST(AtomWriter, EveryEntryHasAnAuthorNamedBySourceFeedWhenUnknown) {
  auto feed = sample_feed();
  feed.entries[0].authors = {Person{std::nullopt, std::nullopt, "ops@example.org"}};
  pugi::xml_document document;
  auto first = load_root(document, write_atom(feed)).child("entry");
  EXPECT_STREQ(first.child("author").child_value("name"), "ops@example.org");
  EXPECT_STREQ(first.child("author").child_value("email"), "ops@example.org");
  EXPECT_STREQ(first.next_sibling("entry").child("author").child_value("name"), "News");
}

TEST(AtomWriter, IdsAreTheEntriesOwnAndStableAcrossWrites) {
  auto feed = sample_feed();
  auto first = write_atom(feed);
  std::swap(feed.entries[0], feed.entries[1]);
  std::swap(feed.entries[0], feed.entries[1]);
  EXPECT_EQ(write_atom(feed), first);
  pugi::xml_document document;
  auto root = load_root(document, first);
  EXPECT_STREQ(root.child("entry").child_value("id"), "https://example.org/posts/rust-2024");
  EXPECT_STREQ(root.child("entry").next_sibling("entry").child_value("id"), "news-item-42");
}

TEST(AtomWriter, ContentIsEscapedHtmlNotCdata) {
  pugi::xml_document document;
  auto content = load_root(document, write_atom(sample_feed())).child("entry").child("content");
  EXPECT_STREQ(content.attribute("type").value(), "html");
  EXPECT_EQ(content.first_child().type(), pugi::node_pcdata);
  EXPECT_EQ(content.child_value(), test::rust_content);
}

TEST(AtomWriter, ParsesBackWithoutRecoveryWithTheSameFields) {
  auto feed = sample_feed();
  auto text = write_atom(feed);
  auto parsed = parse_feed(ParseRequest{text, "", ""});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_FALSE(parsed->bozo);
  EXPECT_EQ(parsed->format, SourceFormat::atom10);
  EXPECT_EQ(parsed->title, "My news");
  EXPECT_EQ(parsed->feed_url, "http://127.0.0.1:8080/feed.atom");
  EXPECT_EQ(parsed->home_page_url, "http://127.0.0.1:8080/");
  ASSERT_EQ(parsed->items.size(), 2u);
  const auto& rust = parsed->items[0];
  EXPECT_EQ(rust.id, feed.entries[0].id);
  EXPECT_EQ(rust.url, feed.entries[0].url);
  EXPECT_EQ(rust.title, feed.entries[0].title);
  EXPECT_EQ(rust.summary, feed.entries[0].summary);
  EXPECT_EQ(rust.content_html, test::rust_content);
  EXPECT_EQ(rust.date_published, feed.entries[0].published);
  EXPECT_EQ(rust.date_modified, feed.entries[0].updated);
  EXPECT_EQ(rust.authors, feed.entries[0].authors);
  EXPECT_EQ(rust.tags, feed.entries[0].tags);
  EXPECT_EQ(rust.attachments, feed.entries[0].attachments);
  const auto& news = parsed->items[1];
  EXPECT_EQ(news.id, "news-item-42");
  EXPECT_EQ(news.url, feed.entries[1].url);
  EXPECT_EQ(news.title, "Quarterly & <results>");
  EXPECT_EQ(news.content_html, test::news_content);
  EXPECT_EQ(news.date_published, feed.entries[1].published);
  ASSERT_EQ(news.authors.size(), 1u);
  EXPECT_EQ(news.authors[0].name, "News");
}

}  // namespace
}  // namespace feeds
