#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

class ItemIdentity : public StoreFixture {};

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
