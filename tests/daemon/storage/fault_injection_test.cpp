// Fail the Nth write of an operation (SQLite's own testing style) and check both the error and
// that the database is exactly as before. The faults are triggers that RAISE(ABORT) on the Nth
// row written, installed through a second connection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;
using ::testing::HasSubstr;

constexpr const char* fault_schema = R"sql(
CREATE TABLE fault (seen INTEGER NOT NULL, fail_at INTEGER NOT NULL);
INSERT INTO fault VALUES (0, 0);
)sql";

void install_fault_triggers(const std::filesystem::path& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec(fault_schema);
  int n = 0;
  for (const char* event : {"INSERT ON items", "UPDATE ON items", "DELETE ON items",
                            "UPDATE ON feeds", "INSERT ON fetch_log", "DELETE ON fetch_log"}) {
    db.exec("CREATE TRIGGER fault_" + std::to_string(++n) + " BEFORE " + event + " BEGIN " +
            "UPDATE fault SET seen = seen + 1; "
            "SELECT RAISE(ABORT, 'injected fault') FROM fault WHERE seen = fail_at; END");
  }
}

/// Makes the `write_number`th row write fail from now on; 0 fails none.
void fail_at(const std::filesystem::path& path, int write_number) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("UPDATE fault SET seen = 0, fail_at = " + std::to_string(write_number));
}

/// Runs `operation` with a fault at write 1, 2, 3, ... until it succeeds; each failure must be a
/// StorageError naming the fault, with every table unchanged. Returns the writes it took.
template <class Operation>
int fail_every_write_in_turn(const std::filesystem::path& path, Operation&& operation) {
  for (int write_number = 1; write_number < 10000; ++write_number) {
    fail_at(path, write_number);
    const auto before = dump_database(path);
    try {
      operation();
      return write_number - 1;
    } catch (const StorageError& error) {
      EXPECT_THAT(error.what(), HasSubstr("injected fault")) << "write " << write_number;
    }
    EXPECT_EQ(dump_database(path), before) << "write " << write_number << " left changes behind";
    if (::testing::Test::HasFailure()) return -1;
  }
  ADD_FAILURE() << "the operation never succeeded";
  return -1;
}

StoreOptions options_with(int fetch_log_per_feed, int busy_timeout_ms) {
  StoreOptions options;
  options.fetch_log_per_feed = fetch_log_per_feed;
  options.database.busy_timeout_ms = busy_timeout_ms;
  return options;
}

class FaultInjection : public ::testing::Test {
 protected:
  void SetUp() override {
    feed_ = store_.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time)[0];
    store_.commit_fetch(feed_, make_fetch(numbered_items(0, 4)));
    store_.record_not_modified(feed_, {base_time + 1h, base_time + 1h, 20ms, 0, {}, {}});
    install_fault_triggers(path_);
  }

  TempDir dir_;
  std::filesystem::path path_ = dir_.file("feedd.db");
  Store store_{path_, options_with(2, 5000)};
  FeedId feed_ = 0;
};

TEST_F(FaultInjection, CommitFetchIsAllOrNothing) {
  auto items = numbered_items(1, 5);  // guid-1..3 stored, guid-4..5 new
  items[0].title = "Edited";
  auto fetch = make_fetch(items, base_time + 2h);
  fetch.etag = "\"v2\"";
  fetch.full_text = FullTextMode::always;
  CommitResult result;
  const int writes = fail_every_write_in_turn(path_, [&] { result = store_.commit_fetch(feed_, fetch); });
  // 2 inserts, 1 update, 2 touches, the feed (with its items_count), the log and its trim.
  EXPECT_GE(writes, 8);
  EXPECT_EQ(result.new_items, 2);
  EXPECT_EQ(result.updated_items, 1);
  EXPECT_EQ(result.unchanged_items, 2);
  EXPECT_EQ(result.full_text_items.size(), 2u);
  const auto feed = *store_.feed_by_id(feed_);
  EXPECT_EQ(feed.etag, "\"v2\"");
  EXPECT_EQ(feed.items_count, 6);
  EXPECT_EQ(store_.recent_fetches(feed_, 10).size(), 2u);
  EXPECT_EQ(store_.integrity_check(), "ok");
}

TEST_F(FaultInjection, RecordFailureIsAllOrNothingAndNeverTouchesItems) {
  const auto items_before = count_rows(path_, "items");
  FetchFailure failure;
  failure.kind = "http_status";
  failure.detail = "HTTP 503 Service Unavailable";
  failure.http_status = 503;
  failure.fetched_at = base_time + 2h;
  failure.next_poll_at = base_time + 3h;
  const int writes = fail_every_write_in_turn(path_, [&] { store_.record_failure(feed_, failure); });
  EXPECT_GE(writes, 3);
  const auto feed = *store_.feed_by_id(feed_);
  EXPECT_EQ(feed.state, FeedState::failing);
  EXPECT_EQ(feed.consecutive_errors, 1);
  EXPECT_EQ(count_rows(path_, "items"), items_before);
}

TEST_F(FaultInjection, RecordNotModifiedIsAllOrNothing) {
  NotModifiedFetch fetch{base_time + 2h, base_time + 2h, 15ms, 0, {}, base_time + 3h};
  const int writes = fail_every_write_in_turn(path_, [&] { store_.record_not_modified(feed_, fetch); });
  EXPECT_GE(writes, 3);
  EXPECT_EQ(store_.feed_by_id(feed_)->next_poll_at, base_time + 3h);
}

TEST_F(FaultInjection, FullTextResultIsAllOrNothing) {
  const auto item = store_.recent_items(1)[0].id;
  FullTextResult done{FullTextResult::Outcome::done, "<p>Article</p>", "Article", "readability", ""};
  const int writes = fail_every_write_in_turn(path_, [&] { store_.store_full_text(item, done, base_time); });
  EXPECT_EQ(writes, 1);
  EXPECT_EQ(store_.item_by_id(item)->full_text_status, FullTextStatus::done);
}

TEST_F(FaultInjection, FailedRetentionLeavesAConsistentDatabase) {
  // A newer document without the first four items, so they may expire.
  store_.commit_fetch(feed_, make_fetch(numbered_items(10, 2), base_time + 2h));
  const auto far_future = base_time + std::chrono::days(5000);
  fail_at(path_, 2);
  EXPECT_THROW(store_.apply_retention(std::chrono::days(1), 1000, far_future), StorageError);
  EXPECT_EQ(store_.integrity_check(), "ok");
  EXPECT_EQ(store_.feed_by_id(feed_)->items_count, count_rows(path_, "items"));
  fail_at(path_, 0);
  EXPECT_EQ(store_.apply_retention(std::chrono::days(1), 1000, far_future), 4u);
  EXPECT_EQ(count_rows(path_, "items"), 2);
}

TEST(StorageBusy, LockedDatabaseFailsCleanlyAndRecovers) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  Store store(path, options_with(100, 50));
  const auto feed = store.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time)[0];
  const auto before = dump_database(path);
  {
    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    SQLite::Transaction lock(other, SQLite::TransactionBehavior::IMMEDIATE);
    try {
      store.commit_fetch(feed, make_fetch(numbered_items(0, 3)));
      ADD_FAILURE() << "commit_fetch succeeded while another writer held the lock";
    } catch (const StorageError& error) {
      EXPECT_THAT(error.what(), HasSubstr("commit_fetch"));
      EXPECT_THAT(error.what(), HasSubstr(path.string()));
    }
  }
  EXPECT_EQ(dump_database(path), before);
  EXPECT_EQ(store.commit_fetch(feed, make_fetch(numbered_items(0, 3))).new_items, 3);
}

}  // namespace
}  // namespace feedd
