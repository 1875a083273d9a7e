#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "daemon/storage/item_digest.hpp"
#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

class CommitFetch : public StoreFixture {};

TEST_F(CommitFetch, StoresNewItemsAndFeedMetadataTogether) {
  auto fetch = make_fetch(numbered_items(0, 3));
  fetch.document.hints.ttl_minutes = 60;
  fetch.document.hints.skip_hours = {1, 2};
  fetch.http_max_age = 600s;
  const auto result = store_.commit_fetch(feed_, fetch);
  EXPECT_EQ(result.new_items, 3);
  EXPECT_EQ(result.updated_items + result.unchanged_items, 0);
  EXPECT_EQ(result.identity_scheme, feeds::IdentityScheme::guid);

  const auto feed = *store_.feed_by_id(feed_);
  EXPECT_EQ(feed.title, "Example feed");
  EXPECT_EQ(feed.site_url, "https://example.org/");
  EXPECT_EQ(feed.etag, "\"v1\"");
  EXPECT_EQ(feed.last_modified, "Mon, 01 Jan 2024 00:00:00 GMT");
  EXPECT_EQ(feed.state, FeedState::active);
  EXPECT_EQ(feed.last_success_at, base_time);
  EXPECT_EQ(feed.next_poll_at, base_time + 30min);
  EXPECT_EQ(feed.http_max_age, 600s);
  EXPECT_EQ(feed.identity_scheme, feeds::IdentityScheme::guid);
  EXPECT_EQ(feed.hints.ttl_minutes, 60);
  EXPECT_EQ(feed.hints.skip_hours, (std::vector<int>{1, 2}));
  EXPECT_EQ(feed.items_count, 3);
  EXPECT_EQ(feed.avg_item_interval, 3600s);

  const auto fetches = store_.recent_fetches(feed_, 10);
  ASSERT_EQ(fetches.size(), 1u);
  EXPECT_EQ(fetches[0].outcome, FetchLogOutcome::ok);
  EXPECT_EQ(fetches[0].items_new, 3);
  EXPECT_EQ(fetches[0].http_status, 200);
}

// The posting rate comes from the ten newest publication dates: not older dates, not undated
// items (however recently first seen), whatever the document order.
TEST_F(CommitFetch, AverageIntervalIsOverTheTenNewestPublicationDates) {
  std::vector<feeds::Item> items;
  for (int n = 0; n < 5; ++n)  // older, a day apart
    items.push_back(make_item("old-" + std::to_string(n), at(1690000000 + 86400 * n)));
  for (int n = 0; n < 10; ++n)  // the newest ten, two hours apart
    items.push_back(make_item("new-" + std::to_string(n), at(1700000000 + 7200 * n)));
  for (int n = 0; n < 3; ++n) items.push_back(make_item("undated-" + std::to_string(n)));
  std::swap(items[2], items[12]);
  store_.commit_fetch(feed_, make_fetch(items));
  EXPECT_EQ(store_.feed_by_id(feed_)->avg_item_interval, 7200s);

  // A later document's newer items move the window: six at one hour and four of the above.
  std::vector<feeds::Item> later;
  for (int n = 0; n < 6; ++n)
    later.push_back(
        make_item("later-" + std::to_string(n), at(1700000000 + 7200 * 9 + 3600 * (n + 1))));
  store_.commit_fetch(feed_, make_fetch(later, base_time + 1h));
  // Newest ten: 6 hourly after new-9, then new-9 .. new-6: (6 h + 3 * 2 h) / 9.
  EXPECT_EQ(store_.feed_by_id(feed_)->avg_item_interval,
            std::chrono::seconds((6 * 3600 + 3 * 7200) / 9));
}

feeds::Item item_with_every_field() {
  auto item = make_item("full", at(1700000000));
  item.date_modified = at(1700000500);
  item.authors = {{"Ann", "https://ann.example/", std::nullopt}, {std::nullopt, std::nullopt, "b@x"}};
  item.tags = {"c++", "sqlite"};
  item.attachments = {{"https://example.org/a.mp3", "audio/mpeg", 1234}};
  item.orig_link = "https://publisher.example/full";
  item.comments_url = "https://example.org/full#comments";
  return item;
}

void expect_every_field(const ItemRecord& stored, const feeds::Item& item) {
  EXPECT_EQ(stored.guid, "full");
  EXPECT_EQ(stored.url, item.url);
  EXPECT_EQ(stored.title, item.title);
  EXPECT_EQ(stored.authors, item.authors);
  EXPECT_EQ(stored.tags, item.tags);
  EXPECT_EQ(stored.attachments, item.attachments);
  EXPECT_EQ(stored.published_at, item.date_published);
  EXPECT_EQ(stored.updated_at, item.date_modified);
  EXPECT_EQ(stored.content_html, item.content_html);
  EXPECT_EQ(stored.summary, item.summary);
  EXPECT_EQ(stored.orig_link, item.orig_link);
  EXPECT_EQ(stored.comments_url, item.comments_url);
  EXPECT_EQ(stored.first_seen_at, base_time);
  EXPECT_EQ(stored.identity_key, feeds::identity_key(item, feeds::IdentityScheme::guid));
  EXPECT_EQ(stored.content_fingerprint, feeds::content_fingerprint(item));
}

TEST_F(CommitFetch, KeepsEveryFieldOfAnItem) {
  const auto item = item_with_every_field();
  store_.commit_fetch(feed_, make_fetch({item}));
  const auto stored = items().at(0);
  expect_every_field(stored, item);
  EXPECT_EQ(store_.item_by_id(stored.id)->title, item.title);
}

// The poller computes digests on its workers (identity keys and JSON columns included); the
// row must be the one commit_fetch stores when it computes them itself.
TEST_F(CommitFetch, KeepsEveryFieldOfAnItemFromTheWorkersDigest) {
  const auto item = item_with_every_field();
  auto fetch = make_fetch({item});
  fetch.digests = digest_items(fetch.document, feeds::StoryPolicy{});
  ASSERT_EQ(fetch.digests.size(), 1u);
  EXPECT_EQ(fetch.digests[0].field_key, feeds::identity_key(item, feeds::IdentityScheme::guid));
  store_.commit_fetch(feed_, fetch);
  expect_every_field(items().at(0), item);
}

TEST_F(CommitFetch, SameItemsTwiceAreNotDuplicated) {
  const auto fetch = make_fetch(numbered_items(0, 5));
  store_.commit_fetch(feed_, fetch);
  auto again = fetch;
  again.fetched_at = base_time + 1h;
  const auto result = store_.commit_fetch(feed_, again);
  EXPECT_EQ(result.new_items, 0);
  EXPECT_EQ(result.unchanged_items, 5);
  const auto stored = items();
  ASSERT_EQ(stored.size(), 5u);
  for (const auto& item : stored) {
    EXPECT_EQ(item.first_seen_at, base_time);
    EXPECT_EQ(item.last_seen_at, base_time + 1h);
  }
  EXPECT_EQ(store_.feed_by_id(feed_)->items_count, 5);
}

// Rows stored by versions that fingerprinted content with SHA-1: the same content is still
// unchanged (not an edit of every item after an upgrade), and the row takes the new form.
TEST_F(CommitFetch, ARowWithAnSha1FingerprintIsComparedInThatForm) {
  const auto stored_items = numbered_items(0, 2);
  store_.commit_fetch(feed_, make_fetch(stored_items));
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    SQLite::Statement legacy(db, "UPDATE items SET content_fingerprint = ?2 WHERE guid = ?1");
    for (const auto& item : stored_items) {
      legacy.bind(1, *item.id);
      legacy.bind(2, feeds::sha1_content_fingerprint(item));
      EXPECT_EQ(legacy.exec(), 1);
      legacy.reset();
    }
  }
  auto edited = stored_items;
  edited[1].content_html = "<p>Corrected</p>";
  const auto result = store_.commit_fetch(feed_, make_fetch(edited, base_time + 1h));
  EXPECT_EQ(result.unchanged_items, 1);
  EXPECT_EQ(result.updated_items, 1);
  for (const auto& stored : items()) {
    const auto& item = stored.guid == edited[0].id ? edited[0] : edited[1];
    EXPECT_EQ(stored.content_fingerprint, feeds::content_fingerprint(item)) << *stored.guid;
    EXPECT_EQ(stored.last_seen_at, base_time + 1h);
  }
}

TEST_F(CommitFetch, EditedItemIsUpdatedInPlace) {
  store_.commit_fetch(feed_, make_fetch(numbered_items(0, 2)));
  const auto before = items();
  auto edited = numbered_items(0, 2);
  edited[1].title = "Corrected title";
  edited[1].content_html = "<p>Corrected</p>";
  const auto result = store_.commit_fetch(feed_, make_fetch(edited, base_time + 1h));
  EXPECT_EQ(result.updated_items, 1);
  EXPECT_EQ(result.unchanged_items, 1);
  EXPECT_EQ(result.new_items, 0);
  const auto after = items();
  ASSERT_EQ(after.size(), 2u);
  const auto& changed = after[0];  // guid-1 is the newer one
  EXPECT_EQ(changed.title, "Corrected title");
  EXPECT_EQ(changed.content_html, "<p>Corrected</p>");
  EXPECT_EQ(changed.id, before[0].id);
  EXPECT_EQ(changed.first_seen_at, base_time);
  EXPECT_EQ(store_.recent_fetches(feed_, 1)[0].items_updated, 1);
}

TEST_F(CommitFetch, FirstFetchKeepsOnlyTheNewestItems) {
  auto fetch = make_fetch(numbered_items(0, 300));
  fetch.first_fetch_item_limit = 50;
  EXPECT_EQ(store_.commit_fetch(feed_, fetch).new_items, 50);
  const auto stored = items();
  ASSERT_EQ(stored.size(), 50u);
  EXPECT_EQ(stored.front().guid, "guid-299");
  EXPECT_EQ(stored.back().guid, "guid-250");
  EXPECT_EQ(store_.feed_by_id(feed_)->archive_cutoff, at(1700000000 + 3600 * 249));

  // The next fetch brings the same archive plus one new item: only the new one is added.
  auto next = make_fetch(numbered_items(0, 301), base_time + 1h);
  next.first_fetch_item_limit = 50;
  const auto result = store_.commit_fetch(feed_, next);
  EXPECT_EQ(result.new_items, 1);
  EXPECT_EQ(result.unchanged_items, 50);
  EXPECT_EQ(items().size(), 51u);
}

// feeds.items_count has no insert trigger (schema 7): commit_fetch counts each fetch's
// inserts. Whatever a document holds -- an archive cut to the newest, repeated items, edits,
// items already stored -- and after deletes, the count is the number of rows.
TEST_F(CommitFetch, ItemsCountIsTheNumberOfStoredItemsThroughEveryKindOfFetch) {
  auto expect_exact = [this](const char* when) {
    EXPECT_EQ(store_.feed_by_id(feed_)->items_count,
              count_rows(path_, "items WHERE feed_id = 1"))
        << when;
  };
  auto first = make_fetch(numbered_items(0, 30));
  first.first_fetch_item_limit = 10;
  store_.commit_fetch(feed_, first);
  expect_exact("after a first fetch cut to its newest items");

  auto items = numbered_items(0, 32);  // the archive again, two new ones, one edited
  items[25].title = "Edited";
  auto next = make_fetch(items, base_time + 1h);
  const auto result = store_.commit_fetch(feed_, next);
  EXPECT_EQ(result.new_items, 2);
  EXPECT_EQ(result.updated_items, 1);
  EXPECT_EQ(result.unchanged_items, 9);
  expect_exact("after new, edited, unchanged and archived items");

  // A repeated guid moves the feed to another identity scheme: every item is new again.
  items.push_back(items.back());
  EXPECT_GT(store_.commit_fetch(feed_, make_fetch(items, base_time + 90min)).new_items, 2);
  expect_exact("after a change of identity scheme");

  EXPECT_GT(store_.apply_retention(std::chrono::hours(24 * 365 * 100), 5, base_time + 2h), 0u);
  expect_exact("after retention");
  EXPECT_EQ(store_.commit_fetch(feed_, make_fetch(numbered_items(40, 3), base_time + 3h)).new_items, 3);
  expect_exact("after inserting again");
}

TEST_F(CommitFetch, FirstFetchWithoutDatesKeepsDocumentOrder) {
  std::vector<feeds::Item> undated;
  for (int n = 0; n < 10; ++n) undated.push_back(make_item("u" + std::to_string(n)));
  auto fetch = make_fetch(undated);
  fetch.first_fetch_item_limit = 3;
  store_.commit_fetch(feed_, fetch);
  std::set<std::string> guids;
  for (const auto& item : items()) guids.insert(*item.guid);
  EXPECT_EQ(guids, (std::set<std::string>{"u0", "u1", "u2"}));
}

TEST_F(CommitFetch, QueuesFullTextPerMode) {
  auto summary_only = make_item("summary", at(1700000000));
  summary_only.content_html = "<p>Short teaser</p>";
  summary_only.content_text = "Short teaser";
  summary_only.summary = "Short teaser";
  auto full = make_item("full", at(1700000100));
  full.content_text = std::string(3000, 'w');
  auto no_link = summary_only;
  no_link.id = "nolink";
  no_link.url.reset();

  auto fetch = make_fetch({summary_only, full, no_link});
  fetch.full_text = FullTextMode::automatic;
  const auto automatic = store_.commit_fetch(feed_, fetch);
  ASSERT_EQ(automatic.full_text_items.size(), 1u);
  EXPECT_EQ(store_.item_by_id(automatic.full_text_items[0])->guid, "summary");
  EXPECT_EQ(store_.item_by_id(automatic.full_text_items[0])->full_text_status,
            FullTextStatus::pending);

  const auto other = store_.sync_feeds({{"https://example.org/feed.xml", {}, {}},
                                        {"https://other.example/feed.xml", {}, {}}},
                                       base_time)[1];
  fetch.full_text = FullTextMode::always;
  EXPECT_EQ(store_.commit_fetch(other, fetch).full_text_items.size(), 2u);
  fetch.full_text = FullTextMode::always;
  EXPECT_TRUE(store_.commit_fetch(other, fetch).full_text_items.empty()) << "only new items";
}

TEST_F(CommitFetch, UnknownFeedIsAStorageError) {
  EXPECT_THROW(store_.commit_fetch(feed_ + 100, make_fetch(numbered_items(0, 1))), StorageError);
  EXPECT_TRUE(items().empty());
}

TEST_F(CommitFetch, MergedReadsFilterByFeedAndSortNewestFirst) {
  const auto other = store_.sync_feeds({{"https://example.org/feed.xml", {}, {}},
                                        {"https://other.example/feed.xml", {}, {}}},
                                       base_time)[1];
  store_.commit_fetch(feed_, make_fetch(numbered_items(0, 3)));
  store_.commit_fetch(other, make_fetch(numbered_items(10, 2)));
  const auto all = store_.recent_items(4);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].guid, "guid-11");
  EXPECT_EQ(all[3].guid, "guid-1");
  EXPECT_EQ(store_.recent_items(100, {feed_}).size(), 3u);
  EXPECT_EQ(store_.recent_items(100, {feed_, other}).size(), 5u);
  const auto stats = store_.feed_stats();
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats[0].items_count, 3);
  EXPECT_EQ(stats[1].newest_item_at, at(1700000000 + 3600 * 11));
  EXPECT_EQ(store_.integrity_check(), "ok");
}

}  // namespace
}  // namespace feedd
