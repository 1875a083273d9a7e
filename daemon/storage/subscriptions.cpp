#include "daemon/storage/columns.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {
namespace storage {
namespace {

constexpr const char* unmark_configured = "UPDATE feeds SET configured = 0 WHERE configured = 1";

// The subscribed URL wins over a feed that merely moved to this URL.
constexpr const char* find_subscription = R"sql(
SELECT id FROM feeds WHERE subscribed_url = ?1 OR url = ?1
ORDER BY subscribed_url = ?1 DESC LIMIT 1)sql";

constexpr const char* insert_subscription = R"sql(
INSERT INTO feeds (url, subscribed_url, title_override, tags, configured, created_at)
VALUES (?1, ?1, ?2, ?3, 1, ?4))sql";

constexpr const char* update_subscription = R"sql(
UPDATE feeds SET title_override = ?2, tags = ?3, configured = 1 WHERE id = ?1)sql";

constexpr const char* move_feed = R"sql(
UPDATE feeds SET url = ?2
WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM feeds WHERE url = ?2 AND id != ?1))sql";

std::optional<FeedId> find_feed_for(Database& db, const std::string& url) {
  auto query = db.statement(find_subscription);
  query->bind(1, url);
  if (!query->executeStep()) return std::nullopt;
  return query->getColumn(0).getInt64();
}

FeedId insert_feed(Database& db, const Subscription& subscription, TimePoint now) {
  auto insert = db.statement(insert_subscription);
  insert->bind(1, subscription.url);
  bind_text(*insert, 2, subscription.title);
  insert->bind(3, strings_to_json(subscription.tags));
  insert->bind(4, static_cast<int64_t>(to_unix(now)));
  insert->exec();
  return db.connection().getLastInsertRowid();
}

void update_feed_settings(Database& db, FeedId id, const Subscription& subscription) {
  auto update = db.statement(update_subscription);
  update->bind(1, static_cast<int64_t>(id));
  bind_text(*update, 2, subscription.title);
  update->bind(3, strings_to_json(subscription.tags));
  update->exec();
}

/// Finds or inserts the feed of each subscription; `update` says whether a stored feed takes
/// the subscription's title and tags.
std::vector<FeedId> store_subscriptions(Database& db, const std::vector<Subscription>& subscriptions,
                                        TimePoint now, bool update) {
  std::vector<FeedId> ids;
  for (const auto& subscription : subscriptions) {
    auto id = find_feed_for(db, subscription.url);
    if (!id) {
      id = insert_feed(db, subscription, now);
    } else if (update) {
      update_feed_settings(db, *id, subscription);
    }
    ids.push_back(*id);
  }
  return ids;
}

}  // namespace
}  // namespace storage

std::vector<FeedId> Store::sync_feeds(const std::vector<Subscription>& subscriptions,
                                      TimePoint now) {
  return storage::run_operation(path().string(), "sync_feeds", [&] {
    auto transaction = db_.begin_write();
    db_.statement(storage::unmark_configured)->exec();
    auto ids = storage::store_subscriptions(db_, subscriptions, now, true);
    transaction.commit();
    return ids;
  });
}

std::vector<FeedId> Store::add_feeds(const std::vector<Subscription>& subscriptions,
                                     TimePoint now) {
  return storage::run_operation(path().string(), "add_feeds", [&] {
    auto transaction = db_.begin_write();
    auto ids = storage::store_subscriptions(db_, subscriptions, now, false);
    transaction.commit();
    return ids;
  });
}

bool Store::adopt_feed_url(FeedId feed_id, std::string_view url) {
  return storage::run_operation(path().string(), "adopt_feed_url", [&] {
    auto transaction = db_.begin_write();
    int changes = 0;
    {
      auto move = db_.statement(storage::move_feed);
      move->bind(1, static_cast<int64_t>(feed_id));
      move->bind(2, std::string(url));
      changes = move->exec();
    }
    transaction.commit();
    return changes == 1;
  });
}

}  // namespace feedd
