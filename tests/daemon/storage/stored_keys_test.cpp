// StoredKeys: the filter that lets story placement skip index reads. It may answer "maybe" for
// anything; it must never answer "no" for a key the database holds — whoever stored it, and
// however the filter grew since.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <span>
#include <vector>

#include "daemon/storage/band_tail.hpp"
#include "daemon/storage/stored_keys.hpp"
#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

// A text that shares no fingerprint with wire_text or another n's.
std::string own_text(int n) {
  std::string text;
  for (int word = 0; word < 30; ++word) text.append(numbered("w", n * 100 + word)).append(" ");
  return text;
}

feeds::Item linked_item(const std::string& guid, const std::string& url, int text) {
  return story_item(guid, url, "Title of " + guid, own_text(text), base_time - 24h);
}

StoreOptions with(std::size_t min_capacity, std::size_t fold_rows = 32768) {
  StoreOptions options;
  options.database.stored_keys_min_capacity = min_capacity;
  options.database.band_fold_rows = fold_rows;
  return options;
}

using StoredKeysTest = StoryFileTest;

TEST_F(StoredKeysTest, AnItemLinkingToAStoredUrlJoinsItsStory) {
  Store store(path_);
  const auto first = add_feed(store, "https://one.example/feed");
  const auto second = add_feed(store, "https://two.example/feed");
  store_item(store, first, linked_item("original", "https://news.example/story", 1));
  store_item(store, first, linked_item("other", "https://news.example/other", 2));
  store_item(store, second, linked_item("copy", "https://news.example/story", 3));
  EXPECT_EQ(story_of("copy"), story_of("original"));
  EXPECT_NE(story_of("other"), story_of("original"));
}

// `one` has built its filter before `two` stores: the key is not in it, and must still be found.
TEST_F(StoredKeysTest, UrlsAnotherWriterStoredAreFoundBeforeAndAfterTheRebuild) {
  Store one(path_);
  Store two(path_);
  const auto first = add_feed(one, "https://one.example/feed");
  const auto second = add_feed(two, "https://two.example/feed");
  store_item(one, first, linked_item("built", "https://news.example/built", 1));
  store_item(two, second, linked_item("theirs", "https://news.example/theirs", 2));
  store_item(one, first, linked_item("mine", "https://news.example/theirs", 3));
  EXPECT_EQ(story_of("mine"), story_of("theirs"));
  // Enough lookups for `one` to rebuild its filter from the database.
  for (int n = 0; n < 40; ++n)
    store_item(one, first,
               linked_item(numbered("filler", n), numbered("https://one.example/", n), 10 + n));
  store_item(one, first, linked_item("later", "https://news.example/theirs", 4));
  EXPECT_EQ(story_of("later"), story_of("theirs"));
}

TEST_F(StoredKeysTest, KeysStoredBeforeTheFilterGrewAreStillFound) {
  Store store(path_, with(8));
  const auto first = add_feed(store, "https://one.example/feed");
  const auto second = add_feed(store, "https://two.example/feed");
  for (int n = 0; n < 60; ++n)
    store_item(store, first,
               linked_item(numbered("item", n), numbered("https://one.example/", n), n));
  store_item(store, second, linked_item("copy-of-first", "https://one.example/0", 100));
  store_item(store, second, linked_item("copy-of-last", "https://one.example/59", 101));
  EXPECT_EQ(story_of("copy-of-first"), story_of("item0"));
  EXPECT_EQ(story_of("copy-of-last"), story_of("item59"));
}

// The earlier process folded the bands into story_bands: the new one's filter reads them there.
TEST_F(StoredKeysTest, ANearDuplicateOfAnItemAnEarlierProcessStoredJoinsItsStory) {
  {
    Store store(path_, with(8, 8));
    const auto first = add_feed(store, "https://one.example/feed");
    store_item(store, first,
               story_item("original", "https://one.example/a", "Title of original", wire_text,
                          base_time - 24h));
    for (int n = 0; n < 4; ++n)
      store_item(store, first,
                 linked_item(numbered("filler", n), numbered("https://one.example/f", n), n));
  }
  ASSERT_GE(count_rows(path_, "story_bands"), 4);
  Store store(path_, with(8, 8));
  const auto second = add_feed(store, "https://two.example/feed");
  store_item(
      store, second,
      story_item("copy", "https://two.example/copy", "Title of copy", wire_text, base_time - 20h));
  EXPECT_EQ(story_of("copy"), story_of("original"));
}

TEST(StoredKeysFilter, SaysMaybeForEveryKeyAddedAndNoForMostOthers) {
  TempDir dir;
  Database db(dir.file("feedd.db"));
  auto transaction = db.begin_write();
  db.band_tail().prepare(db, feeds::StoryPolicy{});
  auto& keys = db.stored_keys();
  keys.prepare(db, db.band_tail());
  std::mt19937_64 random(42);
  std::vector<std::int64_t> bands;
  for (int n = 0; n < 20000; ++n) {
    keys.add_url(numbered("https://example.org/added/", n));
    bands.push_back(static_cast<std::int64_t>(random() % (std::int64_t{1} << 34)));
    keys.add_band(bands.back());
  }
  int maybe_urls = 0;
  for (int n = 0; n < 20000; ++n) {
    ASSERT_TRUE(keys.may_have_url(numbered("https://example.org/added/", n)));
    maybe_urls += keys.may_have_url(numbered("https://example.org/never/", n));
  }
  EXPECT_LT(maybe_urls, 200) << "over 1% false positives";
  // Looked up in batches of every size up to more than one prefetch round (132 bands).
  std::vector<std::int64_t> never(bands.size());
  for (std::size_t n = 0; n < never.size(); ++n)
    never[n] = (std::int64_t{1} << 35) + static_cast<std::int64_t>(n);
  std::array<bool, 300> maybe_storage{};
  int maybe_bands = 0;
  for (std::size_t start = 0, size = 1; start < bands.size();
       start += size, size = size % 300 + 1) {
    const auto count = std::min(size, bands.size() - start);
    std::span<bool> maybe(maybe_storage.data(), count);
    keys.may_have_bands(std::span<const std::int64_t>(bands).subspan(start, count), maybe);
    for (const bool answer : maybe) ASSERT_TRUE(answer);
    keys.may_have_bands(std::span<const std::int64_t>(never).subspan(start, count), maybe);
    for (const bool answer : maybe) maybe_bands += answer;
  }
  EXPECT_LT(maybe_bands, 200) << "over 1% false positives";
  transaction.commit();
}

}  // namespace
}  // namespace feedd
