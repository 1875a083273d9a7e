#include <string>

#include "daemon/storage/columns.hpp"
#include "daemon/storage/store.hpp"
#include "daemon/storage/store_internal.hpp"

namespace feedd {
namespace storage {
namespace {

// A macro so each query stays one string literal (the statement cache keys on its address).
#define FEEDD_FEED_COLUMNS                                                                     \
  "id, url, configured, title, title_override, site_url, tags, etag, last_modified, state, " \
  "disabled_reason, last_error, last_error_kind, error_count, consecutive_errors, "          \
  "last_fetch_at, last_success_at, last_document_at, next_poll_at, http_max_age, "           \
  "retry_after_until, identity_scheme, ttl_minutes, skip_hours, skip_days, update_period, "  \
  "update_frequency, avg_item_interval, items_count, created_at, archive_cutoff, subscribed_url"

constexpr const char* select_feed_by_id = "SELECT " FEEDD_FEED_COLUMNS " FROM feeds WHERE id = ?";
constexpr const char* select_feed_by_url =
    "SELECT " FEEDD_FEED_COLUMNS " FROM feeds WHERE url = ?1 OR subscribed_url = ?1 "
    "ORDER BY url = ?1 DESC LIMIT 1";
constexpr const char* select_all_feeds = "SELECT " FEEDD_FEED_COLUMNS " FROM feeds ORDER BY id";

#undef FEEDD_FEED_COLUMNS

FeedState feed_state_from(const std::string& name) {
  if (name == "failing") return FeedState::failing;
  if (name == "disabled") return FeedState::disabled;
  return FeedState::active;
}

std::optional<std::chrono::seconds> seconds_column(const SQLite::Statement& row, int index) {
  auto value = int_column(row, index);
  return value ? std::optional(std::chrono::seconds{*value}) : std::nullopt;
}

feeds::PollingHints read_hints(const SQLite::Statement& row) {
  feeds::PollingHints hints;
  if (auto ttl = int_column(row, 22)) hints.ttl_minutes = static_cast<int>(*ttl);
  hints.skip_hours = ints_from_json(row.getColumn(23).getString());
  hints.skip_days = ints_from_json(row.getColumn(24).getString());
  hints.update_period = text_column(row, 25);
  if (auto frequency = int_column(row, 26)) hints.update_frequency = static_cast<int>(*frequency);
  return hints;
}

FeedRecord read_feed(const SQLite::Statement& row) {
  FeedRecord feed;
  feed.id = row.getColumn(0).getInt64();
  feed.url = row.getColumn(1).getString();
  feed.configured = row.getColumn(2).getInt() != 0;
  feed.title = text_column(row, 3);
  feed.title_override = text_column(row, 4);
  feed.site_url = text_column(row, 5);
  feed.tags = strings_from_json(row.getColumn(6).getString());
  feed.etag = text_column(row, 7);
  feed.last_modified = text_column(row, 8);
  feed.state = feed_state_from(row.getColumn(9).getString());
  feed.disabled_reason = text_column(row, 10);
  feed.last_error = text_column(row, 11);
  feed.last_error_kind = text_column(row, 12);
  feed.error_count = row.getColumn(13).getInt64();
  feed.consecutive_errors = row.getColumn(14).getInt64();
  feed.last_fetch_at = time_column(row, 15);
  feed.last_success_at = time_column(row, 16);
  feed.last_document_at = time_column(row, 17);
  feed.next_poll_at = time_column(row, 18);
  feed.http_max_age = seconds_column(row, 19);
  feed.retry_after_until = time_column(row, 20);
  if (auto scheme = text_column(row, 21)) {
    feed.identity_scheme = feeds::identity_scheme_from_string(*scheme);
  }
  feed.hints = read_hints(row);
  feed.avg_item_interval = seconds_column(row, 27);
  feed.items_count = row.getColumn(28).getInt64();
  feed.created_at = from_unix(row.getColumn(29).getInt64());
  feed.archive_cutoff = time_column(row, 30);
  feed.subscribed_url = row.getColumn(31).getString();
  return feed;
}

std::optional<FeedRecord> query_one_feed(StatementLease& query) {
  if (!query->executeStep()) return std::nullopt;
  return read_feed(*query);
}

}  // namespace

std::optional<FeedRecord> load_feed(Database& db, FeedId id) {
  auto query = db.statement(select_feed_by_id);
  query->bind(1, static_cast<int64_t>(id));
  return query_one_feed(query);
}

FeedRecord require_feed(Database& db, FeedId id, std::string_view operation) {
  auto feed = load_feed(db, id);
  if (!feed) {
    throw StorageError(describe_failure(db.path().string(), operation,
                                        "no feed with id " + std::to_string(id)));
  }
  return std::move(*feed);
}

}  // namespace storage

std::vector<FeedRecord> Store::list_feeds() {
  return storage::run_operation(path().string(), "list_feeds", [&] {
    auto query = db_.statement(storage::select_all_feeds);
    std::vector<FeedRecord> feeds;
    while (query->executeStep()) feeds.push_back(storage::read_feed(*query));
    return feeds;
  });
}

std::optional<FeedRecord> Store::feed_by_id(FeedId id) {
  return storage::run_operation(path().string(), "feed_by_id",
                                [&] { return storage::load_feed(db_, id); });
}

std::optional<FeedRecord> Store::feed_by_url(std::string_view url) {
  return storage::run_operation(path().string(), "feed_by_url", [&] {
    auto query = db_.statement(storage::select_feed_by_url);
    query->bind(1, std::string(url));
    return storage::query_one_feed(query);
  });
}

}  // namespace feedd
