// Schema 8: a summary that is the text of the item's own content is stored once, as the HTML,
// and derived again when read.
#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

// An RSS item with only a description: the parser sets summary_is_content_text.
feeds::Item description_only(const std::string& guid, const std::string& words) {
  auto item = make_item(guid, at(1700000000));
  item.content_html = "<p>" + words + " &amp; <b>more</b></p><p>Second paragraph.</p>";
  item.content_text = words + " & more Second paragraph.";  // html_to_text of the HTML
  item.summary = item.content_text;
  item.summary_is_content_text = true;
  return item;
}

// Its stored summary column (NULL as "NULL") and flag.
std::string stored_summary(const std::filesystem::path& path, const std::string& guid) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement select(db, "SELECT summary, summary_is_content_text FROM items WHERE guid = ?1");
  select.bind(1, guid);
  if (!select.executeStep()) return "no row";
  return (select.isColumnNull(0) ? "NULL" : select.getColumn(0).getString()) + "|" +
         select.getColumn(1).getString();
}

class SummaryStorage : public StoreFixture {};

TEST_F(SummaryStorage, ASummaryThatIsTheContentsTextIsStoredOnceAndReadBack) {
  const auto item = description_only("a", "First words");
  store_.commit_fetch(feed_, make_fetch({item}));
  EXPECT_EQ(stored_summary(path_, "a"), "NULL|1");
  const auto read = items();
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].summary, item.summary);
  EXPECT_EQ(read[0].content_html, item.content_html);
  EXPECT_EQ(store_.item_by_id(read[0].id)->summary, item.summary);
}

TEST_F(SummaryStorage, ASummaryOfItsOwnIsStoredAsItIs) {
  auto item = make_item("b", at(1700000000));
  item.summary = "A teaser unlike the body";
  store_.commit_fetch(feed_, make_fetch({item}));
  EXPECT_EQ(stored_summary(path_, "b"), "A teaser unlike the body|0");
  EXPECT_EQ(items().at(0).summary, item.summary);
}

TEST_F(SummaryStorage, AChangedItemSwitchesBetweenTheTwoForms) {
  store_.commit_fetch(feed_, make_fetch({description_only("c", "Old words")}));
  auto teaser = make_item("c", at(1700000000));
  teaser.content_html = "<p>The whole new story</p>";
  teaser.content_text = "The whole new story";
  teaser.summary = "New teaser";
  store_.commit_fetch(feed_, make_fetch({teaser}, base_time + 1h));
  EXPECT_EQ(stored_summary(path_, "c"), "New teaser|0");
  EXPECT_EQ(items().at(0).summary, teaser.summary);

  const auto again = description_only("c", "Newest words");
  store_.commit_fetch(feed_, make_fetch({again}, base_time + 2h));
  EXPECT_EQ(stored_summary(path_, "c"), "NULL|1");
  EXPECT_EQ(items().at(0).summary, again.summary);
}

TEST_F(SummaryStorage, TheFlagWithoutContentKeepsTheSummary) {
  auto item = make_item("d", at(1700000000));
  item.content_html.reset();
  item.summary_is_content_text = true;  // not a parser's output, but nothing may be lost
  store_.commit_fetch(feed_, make_fetch({item}));
  EXPECT_EQ(stored_summary(path_, "d"), "Body of d|0");
  EXPECT_EQ(items().at(0).summary, item.summary);
}

TEST(SummaryMigration, ItemsStoredBeforeSchema8KeepTheirSummaries) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  {
    auto db = database_at_schema(path, 7);
    db.exec("INSERT INTO feeds (id, url, subscribed_url, created_at) VALUES "
            "(1, 'https://example.org/feed.xml', 'https://example.org/feed.xml', 0)");
    db.exec("INSERT INTO items (feed_id, identity_key, guid, summary, content_html, "
            "content_fingerprint, first_seen_at, last_seen_at) VALUES "
            "(1, 'g:old', 'old', 'Old summary', '<p>Old summary</p>', '', 100, 100)");
  }
  Store store(path);
  EXPECT_EQ(stored_summary(path, "old"), "Old summary|0");
  const auto read = store.recent_items(10);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].summary, "Old summary");
}

}  // namespace
}  // namespace feedd
