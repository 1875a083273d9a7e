#include "daemon/storage/columns.hpp"
#include "daemon/storage/store.hpp"
#include "daemon/storage/store_internal.hpp"

namespace feedd {
namespace storage {
namespace {

constexpr const char* insert_fetch_log = R"sql(
INSERT INTO fetch_log (feed_id, started_at, duration_ms, outcome, http_status, error_kind,
                       error_detail, items_new, items_updated, bytes)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql";

constexpr const char* trim_fetch_log = R"sql(
DELETE FROM fetch_log WHERE feed_id = ?1 AND id <= (
  SELECT id FROM fetch_log WHERE feed_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2))sql";

constexpr const char* select_recent_fetches = R"sql(
SELECT id, feed_id, started_at, duration_ms, outcome, http_status, error_kind, error_detail,
       items_new, items_updated, bytes
FROM fetch_log WHERE feed_id = ?1 ORDER BY id DESC LIMIT ?2)sql";

constexpr const char* update_feed_not_modified = R"sql(
UPDATE feeds SET state = 'active', disabled_reason = NULL, last_error = NULL,
  last_error_kind = NULL, consecutive_errors = 0, last_fetch_at = ?2, last_success_at = ?2,
  next_poll_at = ?3, http_max_age = ?4, retry_after_until = NULL
WHERE id = ?1)sql";

// A disabled feed stays disabled through later failures; only a success re-enables it.
constexpr const char* update_feed_failed = R"sql(
UPDATE feeds SET
  state = CASE WHEN ?7 OR state = 'disabled' THEN 'disabled' ELSE 'failing' END,
  disabled_reason = CASE WHEN ?7 THEN ?3 ELSE disabled_reason END,
  last_error = ?3, last_error_kind = ?2, error_count = error_count + 1,
  consecutive_errors = consecutive_errors + 1, last_fetch_at = ?4, next_poll_at = ?5,
  retry_after_until = ?6
WHERE id = ?1)sql";

const char* outcome_name(FetchLogOutcome outcome) {
  switch (outcome) {
    case FetchLogOutcome::ok: return "ok";
    case FetchLogOutcome::not_modified: return "not_modified";
    case FetchLogOutcome::error: return "error";
  }
  return "error";
}

FetchLogOutcome outcome_from(const std::string& name) {
  if (name == "ok") return FetchLogOutcome::ok;
  if (name == "not_modified") return FetchLogOutcome::not_modified;
  return FetchLogOutcome::error;
}

FetchRecord read_fetch(const SQLite::Statement& row) {
  FetchRecord record;
  record.id = row.getColumn(0).getInt64();
  record.feed_id = row.getColumn(1).getInt64();
  record.started_at = from_unix(row.getColumn(2).getInt64());
  record.duration = std::chrono::milliseconds(row.getColumn(3).getInt64());
  record.outcome = outcome_from(row.getColumn(4).getString());
  if (auto status = int_column(row, 5)) record.http_status = static_cast<int>(*status);
  record.error_kind = text_column(row, 6);
  record.error_detail = text_column(row, 7);
  record.items_new = row.getColumn(8).getInt();
  record.items_updated = row.getColumn(9).getInt();
  record.bytes = static_cast<std::uint64_t>(row.getColumn(10).getInt64());
  return record;
}

std::optional<std::int64_t> optional_seconds(const std::optional<std::chrono::seconds>& value) {
  return value ? std::optional(static_cast<std::int64_t>(value->count())) : std::nullopt;
}

}  // namespace

void append_fetch_log(Database& db, const FetchRecord& record, int keep) {
  {
    auto insert = db.statement(insert_fetch_log);
    insert->bind(1, static_cast<int64_t>(record.feed_id));
    insert->bind(2, static_cast<int64_t>(to_unix(record.started_at)));
    insert->bind(3, static_cast<int64_t>(record.duration.count()));
    insert->bind(4, outcome_name(record.outcome));
    bind_int(*insert, 5, record.http_status ? std::optional<std::int64_t>(*record.http_status) : std::nullopt);
    bind_text(*insert, 6, record.error_kind);
    bind_text(*insert, 7, record.error_detail);
    insert->bind(8, record.items_new);
    insert->bind(9, record.items_updated);
    insert->bind(10, static_cast<int64_t>(record.bytes));
    insert->exec();
  }
  auto trim = db.statement(trim_fetch_log);
  trim->bind(1, static_cast<int64_t>(record.feed_id));
  trim->bind(2, keep);
  trim->exec();
}

}  // namespace storage

void Store::record_not_modified(FeedId feed_id, const NotModifiedFetch& fetch) {
  storage::run_operation(path().string(), "record_not_modified", [&] {
    auto transaction = db_.begin_write();
    storage::require_feed(db_, feed_id, "record_not_modified");
    {
      auto update = db_.statement(storage::update_feed_not_modified);
      update->bind(1, static_cast<int64_t>(feed_id));
      update->bind(2, static_cast<int64_t>(storage::to_unix(fetch.fetched_at)));
      storage::bind_time(*update, 3, fetch.next_poll_at);
      storage::bind_int(*update, 4, storage::optional_seconds(fetch.http_max_age));
      update->exec();
    }
    FetchRecord record;
    record.feed_id = feed_id;
    record.started_at = fetch.started_at;
    record.duration = fetch.duration;
    record.outcome = FetchLogOutcome::not_modified;
    record.http_status = 304;
    record.bytes = fetch.bytes;
    storage::append_fetch_log(db_, record, options_.fetch_log_per_feed);
    transaction.commit();
  });
}

void Store::record_failure(FeedId feed_id, const FetchFailure& failure) {
  storage::run_operation(path().string(), "record_failure", [&] {
    auto transaction = db_.begin_write();
    storage::require_feed(db_, feed_id, "record_failure");
    {
      auto update = db_.statement(storage::update_feed_failed);
      update->bind(1, static_cast<int64_t>(feed_id));
      update->bind(2, failure.kind);
      update->bind(3, failure.detail);
      update->bind(4, static_cast<int64_t>(storage::to_unix(failure.fetched_at)));
      storage::bind_time(*update, 5, failure.next_poll_at);
      storage::bind_time(*update, 6, failure.retry_after_until);
      update->bind(7, failure.disable ? 1 : 0);
      update->exec();
    }
    FetchRecord record;
    record.feed_id = feed_id;
    record.started_at = failure.started_at;
    record.duration = failure.duration;
    record.outcome = FetchLogOutcome::error;
    record.error_kind = failure.kind;
    record.error_detail = failure.detail;
    record.bytes = failure.bytes;
    if (failure.http_status != 0) record.http_status = failure.http_status;
    storage::append_fetch_log(db_, record, options_.fetch_log_per_feed);
    transaction.commit();
  });
}

std::vector<FetchRecord> Store::recent_fetches(FeedId feed_id, std::size_t limit) {
  return storage::run_operation(path().string(), "recent_fetches", [&] {
    auto query = db_.statement(storage::select_recent_fetches);
    query->bind(1, static_cast<int64_t>(feed_id));
    query->bind(2, static_cast<int64_t>(limit));
    std::vector<FetchRecord> records;
    while (query->executeStep()) records.push_back(storage::read_fetch(*query));
    return records;
  });
}

}  // namespace feedd
