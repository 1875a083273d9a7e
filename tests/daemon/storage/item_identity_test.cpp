#include <gtest/gtest.h>

#include "daemon/storage/columns.hpp"
#include "daemon/storage/item_digest.hpp"
#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

class ItemIdentity : public StoreFixture {};

ItemDigest digest_of(const feeds::Item& item) {
  feeds::Feed document;
  document.items.push_back(item);
  return digest_items(document, feeds::StoryPolicy{}).at(0);
}

// Workers compute the key of the document's own scheme ahead; storage takes it when the feed's
// scheme is that one, and computes the key of any other scheme itself.
TEST(ItemDigestKeys, GiveTheIdentityKeyOfEveryScheme) {
  using feeds::IdentityScheme;
  auto item = make_item("guid-1", at(1700000000));
  item.url = "https://example.org/one";
  const auto digest = digest_of(item);
  EXPECT_EQ(digest.key_scheme, IdentityScheme::guid);
  EXPECT_EQ(digest.field_key, feeds::identity_key(item, IdentityScheme::guid));
  for (auto scheme : {IdentityScheme::guid, IdentityScheme::link, IdentityScheme::content_hash}) {
    std::string storage;
    EXPECT_EQ(identity_key(item, digest, scheme, storage), feeds::identity_key(item, scheme));
  }
}

TEST(ItemDigestKeys, AreOfTheSchemeTheDocumentWouldChoose) {
  using feeds::IdentityScheme;
  feeds::Feed document;
  for (const char* link : {"https://example.org/a", "https://example.org/b"}) {
    auto item = make_item("repeated", at(1700000000));
    item.url = link;
    document.items.push_back(item);
  }
  const auto digests = digest_items(document, feeds::StoryPolicy{});
  ASSERT_EQ(feeds::choose_identity_scheme(document.items), IdentityScheme::link);
  for (std::size_t i = 0; i < digests.size(); ++i) {
    EXPECT_EQ(digests[i].key_scheme, IdentityScheme::link);
    EXPECT_EQ(digests[i].field_key, feeds::identity_key(document.items[i], IdentityScheme::link));
    std::string storage;
    EXPECT_EQ(identity_key(document.items[i], digests[i], IdentityScheme::guid, storage),
              feeds::identity_key(document.items[i], IdentityScheme::guid));
    EXPECT_EQ(&identity_key(document.items[i], digests[i], IdentityScheme::link, storage),
              &*digests[i].field_key)
        << "the digest's own key, not a copy";
  }
}

TEST(ItemDigestKeys, AnItemWithoutTheFieldGetsTheContentHashKey) {
  using feeds::IdentityScheme;
  auto item = make_item("unused", at(1700000000));
  item.id.reset();
  item.url.reset();
  const auto digest = digest_of(item);
  EXPECT_FALSE(digest.field_key);
  const auto hash_key = feeds::identity_key(item, IdentityScheme::content_hash);
  EXPECT_EQ(hash_key.substr(0, 2), "h:");
  std::string storage;
  EXPECT_EQ(identity_key(item, digest, IdentityScheme::guid, storage), hash_key);
  EXPECT_EQ(identity_key(item, digest, IdentityScheme::link, storage), hash_key);
}

TEST(ItemDigestColumns, AreTheRowsJsonColumns) {
  auto item = make_item("json", at(1700000000));
  item.authors = {{"Ann", "https://ann.example/", std::nullopt}};
  item.tags = {"a", "b\"quoted\""};
  item.attachments = {{"https://example.org/a.mp3", "audio/mpeg", 1234}};
  const auto digest = digest_of(item);
  EXPECT_EQ(digest.authors_json, storage::persons_to_json(item.authors));
  EXPECT_EQ(digest.tags_json, storage::strings_to_json(item.tags));
  EXPECT_EQ(digest.attachments_json, storage::attachments_to_json(item.attachments));
  EXPECT_EQ(storage::strings_from_json(digest.tags_json), item.tags);
}

TEST_F(ItemIdentity, RepeatedGuidsFallBackToLinks) {
  auto first = make_item("same-guid", at(1700000000), "First");
  auto second = make_item("same-guid", at(1700003600), "Second");
  second.url = "https://example.org/second";
  const auto result = store_.commit_fetch(feed_, make_fetch({first, second}));
  EXPECT_EQ(result.identity_scheme, feeds::IdentityScheme::link);
  EXPECT_EQ(result.new_items, 2);
  const auto again = store_.commit_fetch(feed_, make_fetch({first, second}, base_time + 1h));
  EXPECT_EQ(again.new_items, 0);
  EXPECT_EQ(items().size(), 2u);
  EXPECT_EQ(store_.feed_by_id(feed_)->identity_scheme, feeds::IdentityScheme::link);
}

TEST_F(ItemIdentity, IdenticalItemsWithoutUsableIdsAreStoredOnce) {
  auto item = make_item("dup", at(1700000000));
  const auto result = store_.commit_fetch(feed_, make_fetch({item, item, item}));
  EXPECT_EQ(result.identity_scheme, feeds::IdentityScheme::content_hash);
  EXPECT_EQ(result.new_items, 1);
  EXPECT_EQ(items().size(), 1u);
}

TEST_F(ItemIdentity, KeepsTheFeedsSchemeWhileItWorks) {
  auto a = make_item("a", at(1700000000));
  auto b = make_item("a", at(1700003600));
  b.url = "https://example.org/b";
  store_.commit_fetch(feed_, make_fetch({a, b}));  // repeated guid: link
  auto c = make_item("c", at(1700007200));
  auto b_fixed = b;
  b_fixed.id = "b";
  // Guids are unique now, but switching would re-key (and re-add) every stored item.
  const auto result = store_.commit_fetch(feed_, make_fetch({a, b_fixed, c}, base_time + 1h));
  EXPECT_EQ(result.identity_scheme, feeds::IdentityScheme::link);
  EXPECT_EQ(result.new_items, 1);
  EXPECT_EQ(items().size(), 3u);
}

TEST_F(ItemIdentity, SameGuidInTwoFeedsDoesNotClobber) {
  const auto other = store_.sync_feeds({{"https://example.org/feed.xml", {}, {}},
                                        {"https://other.example/feed.xml", {}, {}}},
                                       base_time)[1];
  auto mine = make_item("shared", at(1700000000), "Mine");
  auto theirs = make_item("shared", at(1700000000), "Theirs");
  store_.commit_fetch(feed_, make_fetch({mine}));
  store_.commit_fetch(other, make_fetch({theirs}));
  EXPECT_EQ(items().at(0).title, "Mine");
  EXPECT_EQ(store_.recent_items(10, {other}).at(0).title, "Theirs");
}

TEST_F(ItemIdentity, HugeGuidIsStoredUnderACompactKey) {
  auto item = make_item(std::string(10 * 1024, 'x'), at(1700000000));
  store_.commit_fetch(feed_, make_fetch({item}));
  const auto again = store_.commit_fetch(feed_, make_fetch({item}, base_time + 1h));
  EXPECT_EQ(again.unchanged_items, 1);
  const auto stored = items().at(0);
  EXPECT_EQ(stored.identity_key.size(), 42u);
  EXPECT_EQ(stored.guid->size(), 10u * 1024);
}

TEST_F(ItemIdentity, FarFutureDatesAreClampedToTheFetchTime) {
  auto item = make_item("future", at(1704067200 + 86400 * 400));
  store_.commit_fetch(feed_, make_fetch({item}));
  EXPECT_EQ(items().at(0).published_at, base_time);
}

}  // namespace
}  // namespace feedd
