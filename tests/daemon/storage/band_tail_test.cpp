// The story band tail (BandTail): the newest items' bands wait in the writer's memory and reach
// story_bands in key order. Near-duplicates must be found wherever the earlier item's bands
// are — folded, in this connection's tail, in another connection's, or left by a crash — and
// every stored item must be indexed once the writer closes.

#include <gtest/gtest.h>

#include "daemon/storage/band_tail.hpp"
#include "daemon/storage/columns.hpp"
#include "daemon/storage/migrations.hpp"
#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

feeds::Item text_item(const std::string& guid, const std::string& url, const std::string& text) {
  return story_item(guid, url, "Title of " + guid, text, base_time - 24h);
}


// Texts that share no fingerprint with wire_text or with each other.
std::string filler_text(int n) {
  std::string text;
  for (int word = 0; word < 30; ++word) text.append(numbered("w", n * 100 + word)).append(" ");
  return text;
}

StoreOptions folding_every(std::size_t rows) {
  StoreOptions options;
  options.database.band_fold_rows = rows;
  return options;
}

class BandTailTest : public StoryFileTest {
 protected:
  std::int64_t items_without_bands() {
    return count_rows(path_, "items WHERE story_fingerprint IS NOT NULL AND id NOT IN "
                             "(SELECT item_id FROM story_bands)");
  }
};

TEST_F(BandTailTest, ANearDuplicateOfAFoldedItemJoinsItsStory) {
  Store store(path_, folding_every(8));  // two items' bands
  const auto first = add_feed(store, "https://one.example/feed");
  const auto second = add_feed(store, "https://two.example/feed");
  store_item(store, first, text_item("original", "https://one.example/a", wire_text));
  for (int n = 0; n < 4; ++n)
    store_item(store, first, text_item(numbered("filler", n), numbered("https://one.example/f", n),
                                       filler_text(n)));
  EXPECT_GE(count_rows(path_, "story_bands"), 8) << "the tail was written";
  store_item(store, second, text_item("copy", "https://two.example/copy", wire_text));
  EXPECT_EQ(story_of("copy"), story_of("original"));
  EXPECT_NE(story_of("filler0"), story_of("original"));
}

TEST_F(BandTailTest, ANearDuplicateOfAnItemStillInTheTailJoinsItsStory) {
  Store store(path_);
  const auto first = add_feed(store, "https://one.example/feed");
  const auto second = add_feed(store, "https://two.example/feed");
  store_item(store, first, text_item("original", "https://one.example/a", wire_text));
  EXPECT_EQ(count_rows(path_, "story_bands"), 0) << "bands wait in memory";
  store_item(store, second, text_item("copy", "https://two.example/copy", wire_text));
  EXPECT_EQ(story_of("copy"), story_of("original"));
}

TEST_F(BandTailTest, TwoWritersSeeEachOthersNewestItems) {
  Store one(path_);
  Store two(path_);
  const auto first = add_feed(one, "https://one.example/feed");
  const auto second = add_feed(two, "https://two.example/feed");
  store_item(one, first, text_item("original", "https://one.example/a", wire_text));
  store_item(two, second, text_item("copy", "https://two.example/copy", wire_text));
  EXPECT_EQ(story_of("copy"), story_of("original"));
  store_item(two, second, text_item("later", "https://two.example/later", filler_text(7)));
  store_item(one, first, text_item("later-copy", "https://one.example/later", filler_text(7)));
  EXPECT_EQ(story_of("later-copy"), story_of("later"));
}

// A copy of the files of a writer that never closes is what a crash leaves behind.
TEST_F(BandTailTest, ItemsAWriterLeftUnindexedAreFoundAndIndexedByTheNext) {
  const auto crashed = dir_.file("crashed.db");
  {
    Store store(path_);
    const auto first = add_feed(store, "https://one.example/feed");
    store_item(store, first, text_item("original", "https://one.example/a", wire_text));
    std::filesystem::copy_file(path_, crashed);
    std::filesystem::copy_file(path_.string() + "-wal", crashed.string() + "-wal");
  }
  path_ = crashed;
  ASSERT_EQ(count_rows(path_, "story_bands"), 0);
  {
    Store store(path_);
    const auto second = add_feed(store, "https://two.example/feed");
    store_item(store, second, text_item("copy", "https://two.example/copy", wire_text));
    EXPECT_EQ(story_of("copy"), story_of("original"));
  }
  EXPECT_EQ(items_without_bands(), 0);
}

TEST_F(BandTailTest, ClosingIndexesEveryItemAndDeletedItemsLeaveNoBands) {
  {
    Store store(path_);
    const auto feed = add_feed(store, "https://one.example/feed");
    for (int n = 0; n < 6; ++n)
      store_item(store, feed, text_item(numbered("item", n), numbered("https://one.example/", n),
                                        filler_text(n)), base_time + std::chrono::minutes(n));
    // Keeps the newest item of each feed: five of six go while their bands wait.
    EXPECT_EQ(store.apply_retention(std::chrono::hours(24 * 365 * 100), 1, base_time + 1h), 5u);
  }
  EXPECT_EQ(items_without_bands(), 0);
  EXPECT_EQ(count_rows(path_, "story_bands"), feeds::band_count) << "the one item left";
  EXPECT_EQ(count_rows(path_, "story_bands WHERE item_id NOT IN (SELECT id FROM items)"), 0);
  EXPECT_EQ(count_rows(path_, "story_bands_state WHERE indexed_through = (SELECT max(id) FROM items)"), 1);
}

// A fold writes its rows 64 to a statement and the rest one by one: 101 items are 202 rows,
// three full statements and ten single rows. Each row must be its own item's.
TEST_F(BandTailTest, AFoldWritesEveryRowOfItsItemsExactly) {
  constexpr int count = 101;
  {
    Store store(path_);
    const auto feed = add_feed(store, "https://one.example/feed");
    for (int n = 0; n < count; ++n)
      store_item(
          store, feed,
          text_item(numbered("item", n), numbered("https://one.example/", n), filler_text(n)));
  }
  EXPECT_EQ(items_without_bands(), 0);
  EXPECT_EQ(count_rows(path_, "story_bands"), count * feeds::band_count);
  EXPECT_EQ(count_rows(path_,
                       "story_bands b JOIN items i ON i.id = b.item_id"
                       " WHERE b.fingerprint = i.story_fingerprint"
                       " AND b.at = coalesce(i.published_at, i.first_seen_at) AND b.band IN ("
                       "(i.story_fingerprint_kind << 33) | (i.story_fingerprint & 4294967295),"
                       "(i.story_fingerprint_kind << 33) | (1 << 32) |"
                       " ((i.story_fingerprint >> 32) & 4294967295))"),
            count * feeds::band_count);
  Store store(path_);
  const auto second = add_feed(store, "https://two.example/feed");
  for (const int n : {0, 63, 64, 100}) {
    store_item(store, second,
               text_item(numbered("copy", n), numbered("https://two.example/", n), filler_text(n)));
    EXPECT_EQ(story_of(numbered("copy", n)), story_of(numbered("item", n))) << n;
  }
}

// The check for deleted items reads the narrow story index while the table is small next to
// the tail and the items' range otherwise; both must leave the deleted ones out.
TEST_F(BandTailTest, DeletedTailItemsLeaveNoBandsWhicheverWayTheyAreFound) {
  constexpr int folded_items = 700;  // with 6 in the tail: past index_scan_ratio (100) per item
  {
    Store store(path_, folding_every(feeds::band_count));
    const auto feed = add_feed(store, "https://big.example/feed");
    for (int n = 0; n < folded_items; ++n)
      store_item(store, feed, text_item(numbered("old", n), numbered("https://big.example/", n),
                                        filler_text(1000 + n)));
  }
  {
    Store store(path_);
    const auto feed = add_feed(store, "https://one.example/feed");
    for (int n = 0; n < 6; ++n)
      store_item(store, feed, text_item(numbered("item", n), numbered("https://one.example/", n),
                                        filler_text(n)), base_time + std::chrono::minutes(n));
    // Five of the six go while their bands wait in the tail.
    store.apply_retention(std::chrono::hours(24 * 365 * 100), 1, base_time + 1h);
  }
  EXPECT_EQ(count_rows(path_, "items WHERE feed_id = 2"), 1);
  EXPECT_EQ(items_without_bands(), 0);
  EXPECT_EQ(count_rows(path_, "story_bands"), count_rows(path_, "items") * feeds::band_count);
  EXPECT_EQ(count_rows(path_, "story_bands WHERE item_id NOT IN (SELECT id FROM items)"), 0);
}

// story_bands.band values as schemas 2 to 9 stored them: kind << 20 | quarter << 16 | the
// quarter's 16 bits.
std::vector<std::int64_t> quarter_band_values(feeds::FingerprintKind kind,
                                              std::uint64_t fingerprint) {
  std::vector<std::int64_t> values;
  for (std::uint64_t quarter = 0; quarter < 4; ++quarter)
    values.push_back(static_cast<std::int64_t>((static_cast<std::uint64_t>(kind) << 20) |
                                               (quarter << 16) |
                                               ((fingerprint >> (16 * quarter)) & 0xffff)));
  return values;
}

std::string band_list(feeds::FingerprintKind kind, std::uint64_t fingerprint) {
  std::string list;
  for (const auto band : storage::band_values(kind, fingerprint))
    list += (list.empty() ? "" : ", ") + std::to_string(band);
  return "(" + list + ")";
}

// Schema 4 moves the bands of a schema-3 database into the new table, each row with its item's
// fingerprint, and marks every stored item indexed; schema 10 turns its four quarters into the
// two halves.
TEST_F(BandTailTest, MigratingKeepsTheBandsOfStoredItems) {
  const auto original = text_item("original", "https://one.example/a", wire_text);
  const feeds::StoryPolicy policy;
  const auto fingerprint = feeds::story_fingerprint(original, policy, original.date_published);
  const auto at = storage::to_unix(*original.date_published);
  {
    auto db = database_at_schema(path_, 3);
    db.exec("INSERT INTO feeds (id, url, subscribed_url, created_at) VALUES "
            "(1, 'https://one.example/feed', 'https://one.example/feed', 0)");
    db.exec("INSERT INTO stories (id, primary_item_id, created_at) VALUES (1, 7, 0)");
    SQLite::Statement item(db, "INSERT INTO items (id, feed_id, identity_key, guid, url, canonical_url,"
                               " title, published_at, content_fingerprint, first_seen_at, last_seen_at,"
                               " story_id, story_fingerprint, story_fingerprint_kind, story_words)"
                               " VALUES (7, 1, 'g:original', 'original', 'https://one.example/a',"
                               " 'https://one.example/a', 'Original', ?1, '', ?1, ?1, 1, ?2, 0, ?3)");
    item.bind(1, static_cast<int64_t>(at));
    item.bind(2, static_cast<int64_t>(fingerprint.fingerprint));
    item.bind(3, static_cast<int64_t>(fingerprint.words));
    item.exec();
    for (const auto band : quarter_band_values(fingerprint.kind, fingerprint.fingerprint)) {
      SQLite::Statement row(db, "INSERT INTO story_bands (band, at, item_id) VALUES (?1, ?2, 7)");
      row.bind(1, static_cast<int64_t>(band));
      row.bind(2, static_cast<int64_t>(at));
      row.exec();
    }
  }
  {
    Store store(path_);
    EXPECT_EQ(count_rows(path_, "story_bands_state WHERE indexed_through = 7"), 1);
    EXPECT_EQ(
        count_rows(path_, "story_bands WHERE item_id = 7 AND fingerprint = " +
                              std::to_string(static_cast<std::int64_t>(fingerprint.fingerprint)) +
                              " AND at = " + std::to_string(at) + " AND band IN " +
                              band_list(fingerprint.kind, fingerprint.fingerprint)),
        feeds::band_count);
    EXPECT_EQ(count_rows(path_, "story_bands"), feeds::band_count);
    const auto second = add_feed(store, "https://two.example/feed");
    store_item(store, second, text_item("copy", "https://two.example/copy", wire_text));
  }
  EXPECT_EQ(story_of("copy"), 1);
}

// Schema 6 drops story_bands_by_item: the delete trigger computes an item's band values from its
// fingerprint instead (schema 10: from its halves). Fingerprints with the top bit set (negative
// as stored) and both kinds, two items sharing a band value: deleting one removes its rows and
// only those.
TEST_F(BandTailTest, DeletingAnItemRemovesExactlyItsBandRowsAfterMigratingToSchema6) {
  const std::uint64_t fingerprints[] = {0x8123456789abcdefULL, 0xfedc0000ba98cdefULL,
                                        0x0000000089abcdefULL};
  {
    auto db = database_at_schema(path_, 5);
    db.exec("INSERT INTO feeds (id, url, subscribed_url, created_at) VALUES "
            "(1, 'https://one.example/feed', 'https://one.example/feed', 0)");
    for (int n = 0; n < 3; ++n) {
      const auto kind = static_cast<feeds::FingerprintKind>(n % 2);
      const auto fingerprint = static_cast<std::int64_t>(fingerprints[n]);
      // With a story: the backfill after migrating would fingerprint an item without one again.
      SQLite::Statement story(db, "INSERT INTO stories (id, created_at) VALUES (?1, 0)");
      story.bind(1, n + 1);
      story.exec();
      SQLite::Statement item(db, "INSERT INTO items (id, feed_id, identity_key, content_fingerprint,"
                                 " first_seen_at, last_seen_at, story_id, story_fingerprint,"
                                 " story_fingerprint_kind, story_words) VALUES (?1, 1, ?1, '', 0, 0,"
                                 " ?1, ?2, ?3, 20)");
      item.bind(1, n + 1);
      item.bind(2, fingerprint);
      item.bind(3, n % 2);
      item.exec();
      for (const auto band : quarter_band_values(kind, fingerprints[n])) {
        SQLite::Statement row(db, "INSERT INTO story_bands (band, at, item_id, fingerprint)"
                                  " VALUES (?1, 0, ?2, ?3)");
        row.bind(1, static_cast<int64_t>(band));
        row.bind(2, n + 1);
        row.bind(3, fingerprint);
        row.exec();
      }
    }
  }
  { Store store(path_); }
  ASSERT_EQ(count_rows(path_, "sqlite_schema WHERE name = 'story_bands_by_item'"), 0);
  for (int n = 0; n < 3; ++n) {
    EXPECT_EQ(
        count_rows(path_,
                   "story_bands WHERE item_id = " + std::to_string(n + 1) + " AND band IN " +
                       band_list(static_cast<feeds::FingerprintKind>(n % 2), fingerprints[n])),
        feeds::band_count)
        << "item " << n + 1;
  }
  SQLite::Database db(path_, SQLite::OPEN_READWRITE);
  db.exec("DELETE FROM items WHERE id = 1");
  EXPECT_EQ(count_rows(path_, "story_bands WHERE item_id = 1"), 0);
  EXPECT_EQ(count_rows(path_, "story_bands WHERE item_id = 3"), feeds::band_count)
      << "shares item 1's band 0";
  db.exec("DELETE FROM items WHERE id = 2");
  EXPECT_EQ(count_rows(path_, "story_bands"), feeds::band_count);
}

// The tail's own bookkeeping, without items behind it (find reads no database): rows of a
// transaction that rolls back leave, committed ones stay, also when the transaction grew the
// table of rows past its first size.
TEST(BandTailRows, ARolledBackTransactionsRowsLeaveAndCommittedOnesStay) {
  TempDir dir;
  Database db(dir.file("feedd.db"));
  const feeds::StoryPolicy policy;
  auto& tail = db.band_tail();
  const storage::BandTail::Entry kept{1000, 1, 0x1111222233334444ULL};
  {
    auto transaction = db.begin_write();
    tail.prepare(db, policy);
    tail.add(feeds::FingerprintKind::text, kept);
    transaction.commit();
  }
  const auto kept_bands = storage::band_values(feeds::FingerprintKind::text, kept.fingerprint);
  std::vector<storage::BandTail::Entry> found;
  {
    auto transaction = db.begin_write();
    tail.prepare(db, policy);
    // Each shares the kept item's lowest band.
    for (int n = 0; n < 3000; ++n)
      tail.add(feeds::FingerprintKind::text,
               {1000 + n, 2 + n,
                (kept.fingerprint & 0xffffffff) | (static_cast<std::uint64_t>(n) << 32)});
    tail.find(kept_bands[0], 0, 10000, found);
    EXPECT_EQ(found.size(), 3001u);
  }  // rolled back
  auto transaction = db.begin_write();
  tail.prepare(db, policy);
  for (const auto band : kept_bands) {
    found.clear();
    tail.find(band, 0, 10000, found);
    ASSERT_EQ(found.size(), 1u) << "band " << band;
    EXPECT_EQ(found[0].item, kept.item);
  }
  found.clear();
  tail.find(kept_bands[0], 1001, 10000, found);
  EXPECT_TRUE(found.empty()) << "outside the dates asked for";
  std::size_t rows = 0;
  tail.for_each_row([&](std::int64_t, const storage::BandTail::Entry&) { ++rows; });
  EXPECT_EQ(rows, kept_bands.size());
}

}  // namespace
}  // namespace feedd
