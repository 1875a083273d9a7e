#include "daemon/storage/database.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

#include <sqlite3.h>

#include "daemon/storage/migrations.hpp"
#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;
using ::testing::HasSubstr;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void overwrite(const std::filesystem::path& path, std::size_t offset, const std::string& bytes) {
  std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
  out.seekp(static_cast<std::streamoff>(offset));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// The message of the StorageError `open` throws, or "" when it does not throw.
template <class Open>
std::string open_error(Open&& open) {
  try {
    open();
  } catch (const StorageError& error) {
    return error.what();
  }
  return "";
}

TEST(Database, MigratesAnEmptyFileToTheCurrentSchema) {
  TempDir dir;
  Database db(dir.file("feedd.db"));
  auto& connection = db.connection();
  EXPECT_EQ(connection.execAndGet("PRAGMA user_version").getInt(), current_schema_version());
  for (const char* table : {"feeds", "items", "fetch_log"}) {
    EXPECT_TRUE(connection.tableExists(table)) << table;
  }
  EXPECT_EQ(current_schema_version(), static_cast<int>(migrations().size()));
  EXPECT_EQ(db.integrity_check(), "ok");
}

/// How many temporary B-trees one run of `sql` opens (OpenEphemeral in its program).
int temporary_btrees(SQLite::Database& connection, const std::string& sql) {
  SQLite::Statement explain(connection, "EXPLAIN " + sql);
  int count = 0;
  while (explain.executeStep()) count += explain.getColumn(1).getString() == "OpenEphemeral";
  return count;
}

// The statements every fetch runs: an IN list in a CHECK made each build a temporary B-tree.
void expect_checks_without_temporary_btrees(SQLite::Database& connection) {
  EXPECT_EQ(temporary_btrees(connection,
                             "INSERT INTO items (feed_id, identity_key, content_fingerprint, "
                             "first_seen_at, last_seen_at, full_text_status) "
                             "VALUES (1, 'k', '', 0, 0, 'pending')"),
            0);
  EXPECT_EQ(temporary_btrees(connection,
                             "UPDATE feeds SET state = 'active', identity_scheme = 'guid' "
                             "WHERE id = 1"),
            0);
  EXPECT_EQ(temporary_btrees(connection,
                             "INSERT INTO fetch_log (feed_id, started_at, duration_ms, "
                             "outcome) VALUES (1, 0, 0, 'ok')"),
            0);
}

/// The CHECK constraints still refuse what they refused.
void expect_checks_refuse_unknown_values(SQLite::Database& connection) {
  EXPECT_THROW(connection.exec("UPDATE items SET full_text_status = 'maybe'"), SQLite::Exception);
  EXPECT_THROW(connection.exec("UPDATE feeds SET state = 'asleep'"), SQLite::Exception);
  EXPECT_THROW(connection.exec("UPDATE feeds SET identity_scheme = 'title'"), SQLite::Exception);
  EXPECT_THROW(connection.exec("UPDATE fetch_log SET outcome = 'fine'"), SQLite::Exception);
}

void insert_one_of_each(SQLite::Database& connection) {
  connection.exec(
      "INSERT INTO feeds (id, url, subscribed_url, created_at, identity_scheme) "
      "VALUES (1, 'https://one.example/feed', 'https://one.example/feed', 0, 'link')");
  connection.exec(
      "INSERT INTO items (feed_id, identity_key, content_fingerprint, first_seen_at, "
      "last_seen_at, full_text_status) VALUES (1, 'k', '', 0, 0, 'failed')");
  connection.exec(
      "INSERT INTO fetch_log (feed_id, started_at, duration_ms, outcome) "
      "VALUES (1, 0, 0, 'not_modified')");
}

TEST(Database, ChecksOfEveryWriteBuildNoTemporaryTables) {
  TempDir dir;
  Database db(dir.file("feedd.db"));
  insert_one_of_each(db.connection());
  expect_checks_without_temporary_btrees(db.connection());
  expect_checks_refuse_unknown_values(db.connection());
}

// Schema 5 rewrites the CHECKs of a schema-4 database in place: rows kept, file intact, and
// another connection opened afterwards reads the new definitions too.
TEST(Database, MigratingToSchema5RewritesTheChecksInPlace) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  {
    auto raw = database_at_schema(path, 4);
    insert_one_of_each(raw);
    EXPECT_GT(temporary_btrees(raw, "UPDATE feeds SET state = 'active' WHERE id = 1"), 0)
        << "schema 4 is the one with IN lists";
  }
  {
    Database db(path);
    EXPECT_EQ(db.connection().execAndGet("PRAGMA user_version").getInt(), current_schema_version());
    expect_checks_without_temporary_btrees(db.connection());
    EXPECT_EQ(db.integrity_check(), "ok");
  }
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM items WHERE full_text_status = 'failed'").getInt(),
            1);
  EXPECT_EQ(
      raw.execAndGet("SELECT count(*) FROM fetch_log WHERE outcome = 'not_modified'").getInt(), 1);
  expect_checks_without_temporary_btrees(raw);
  expect_checks_refuse_unknown_values(raw);
}

// Schema 7 drops the insert trigger of feeds.items_count (commit_fetch counts its inserts);
// the counts a schema-6 database holds stay, and deletes still count down.
TEST(Database, MigratingToSchema7KeepsItemCountsAndTheDeleteTrigger) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  {
    auto raw = database_at_schema(path, 6);
    insert_one_of_each(raw);
    raw.exec("INSERT INTO items (feed_id, identity_key, content_fingerprint, first_seen_at, "
             "last_seen_at) VALUES (1, 'k2', '', 0, 0)");
    EXPECT_EQ(raw.execAndGet("SELECT items_count FROM feeds").getInt(), 2) << "by the trigger";
  }
  Database db(path);
  auto& connection = db.connection();
  EXPECT_EQ(connection.execAndGet("PRAGMA user_version").getInt(), current_schema_version());
  EXPECT_EQ(connection.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = "
                                  "'items_count_after_insert'").getInt(), 0);
  EXPECT_EQ(connection.execAndGet("SELECT items_count FROM feeds").getInt(), 2);
  connection.exec("DELETE FROM items WHERE identity_key = 'k2'");
  EXPECT_EQ(connection.execAndGet("SELECT items_count FROM feeds").getInt(), 1);
}

TEST(Database, ConfiguresTheConnectionForDurability) {
  TempDir dir;
  Database db(dir.file("feedd.db"));
  auto& connection = db.connection();
  EXPECT_EQ(connection.execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ(connection.execAndGet("PRAGMA synchronous").getInt(), 1);  // NORMAL
  EXPECT_EQ(connection.execAndGet("PRAGMA foreign_keys").getInt(), 1);
  EXPECT_EQ(connection.execAndGet("PRAGMA busy_timeout").getInt(), 5000);
}

TEST(Database, ReopenKeepsDataAndDoesNotMigrateAgain) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  {
    Store store(path);
    store.sync_feeds({{"https://example.org/feed.xml", "Example", {"news"}}}, base_time);
    store.commit_fetch(1, make_fetch(numbered_items(0, 3)));
  }
  Store store(path);
  ASSERT_EQ(store.list_feeds().size(), 1u);
  EXPECT_EQ(store.list_feeds()[0].items_count, 3);
  EXPECT_EQ(store.recent_items(10).size(), 3u);
  EXPECT_EQ(store.integrity_check(), "ok");
}

TEST(Database, RefusesADatabaseFromANewerFeedd) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  { Database db(path); }
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = " + std::to_string(current_schema_version() + 1));
  }
  const auto message = open_error([&] { Store store(path); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, HasSubstr("newer"));
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), current_schema_version() + 1);
}

TEST(Database, RefusesAFileOfGarbageAndLeavesItAlone) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  {
    Store store(path);
    store.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time);
  }
  const std::string garbage(8192, '\x5a');
  overwrite(path, 0, garbage);
  const auto message = open_error([&] { Store store(path); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, HasSubstr("not a database"));
  EXPECT_EQ(read_file(path).substr(0, garbage.size()), garbage) << "the file was rewritten";
}

/// A closed database of one feed with 200 items.
void store_200_items(const std::filesystem::path& path) {
  Store store(path);
  store.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time);
  store.commit_fetch(1, make_fetch(numbered_items(0, 200)));
}

/// Overwrites pages 3 and 4: b-tree pages of the schema's tables; the header on page 1 stays
/// valid, so the file opens and only a check finds the damage.
void damage_two_pages(const std::filesystem::path& path) {
  const auto page_size = static_cast<std::uintmax_t>(DatabaseOptions{}.page_size);
  ASSERT_GT(std::filesystem::file_size(path), 4 * page_size);
  overwrite(path, 2 * page_size, std::string(2 * page_size, '\xff'));
}

TEST(Database, RefusesADatabaseWithADamagedPage) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  store_200_items(path);
  ASSERT_NO_FATAL_FAILURE(damage_two_pages(path));
  const auto message = open_error([&] { Store store(path); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, ::testing::AnyOf(HasSubstr("damaged"), HasSubstr("malformed")));
}

TEST(Database, ReportsAPathItCannotCreate) {
  TempDir dir;
  const auto path = dir.file("missing-folder") / "feedd.db";
  const auto message = open_error([&] { Store store(path); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Database, CheckpointEmptiesTheWal) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  Store store(path);
  store.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time);
  store.commit_fetch(1, make_fetch(numbered_items(0, 20)));
  const auto wal = std::filesystem::path(path.string() + "-wal");
  ASSERT_GT(std::filesystem::file_size(wal), 0u);
  store.checkpoint();
  EXPECT_EQ(std::filesystem::file_size(wal), 0u);
  EXPECT_EQ(store.recent_items(100).size(), 20u);
}

TEST(Database, CachesPreparedStatements) {
  TempDir dir;
  Database db(dir.file("feedd.db"));
  static constexpr const char* sql = "SELECT count(*) FROM feeds WHERE url = ?";
  SQLite::Statement* first = nullptr;
  {
    auto lease = db.statement(sql);
    lease->bind(1, "x");
    ASSERT_TRUE(lease->executeStep());
    first = &*lease;
  }
  auto again = db.statement(sql);
  EXPECT_EQ(&*again, first);
  // Reset and unbound by the end of the first lease: runs again, with the parameter NULL.
  ASSERT_TRUE(again->executeStep());
  EXPECT_EQ(again->getColumn(0).getInt(), 0);
}

DatabaseOptions one_shot() {
  DatabaseOptions options;
  options.startup_check = StartupCheck::when_needed;
  return options;
}

std::int64_t recorded_check(const std::filesystem::path& path) {
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  return raw.execAndGet("SELECT done_at FROM maintenance WHERE task = 'quick_check'").getInt64();
}

TEST(DatabaseStartupCheck, TheDaemonChecksAtEveryOpenOneShotCommandsOnlyWhenDue) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  { EXPECT_TRUE(Database(path, one_shot()).checked_at_open()) << "never checked before"; }
  { EXPECT_FALSE(Database(path, one_shot()).checked_at_open()) << "clean close, checked just now"; }
  { EXPECT_TRUE(Database(path).checked_at_open()) << "StartupCheck::always"; }
}

TEST(DatabaseStartupCheck, ChecksAfterAnUncleanClose) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  { Database db(path); }
  // Another connection still holds the file, with its writes in the WAL: what a killed
  // process leaves behind.
  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("PRAGMA journal_mode = WAL");
  other.exec("INSERT INTO feeds (url, subscribed_url, created_at) VALUES ('a', 'a', 0)");
  ASSERT_TRUE(std::filesystem::exists(path.string() + "-wal"));
  EXPECT_TRUE(Database(path, one_shot()).checked_at_open());
}

TEST(DatabaseStartupCheck, ChecksWhenTheLastCheckIsOlderThanTheInterval) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  { Database db(path); }
  const auto two_days_ago = recorded_check(path) - 2 * 86400;
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE maintenance SET done_at = " + std::to_string(two_days_ago));
  }
  { EXPECT_TRUE(Database(path, one_shot()).checked_at_open()); }
  EXPECT_GT(recorded_check(path), two_days_ago + 86400) << "the new check is recorded";
  { EXPECT_FALSE(Database(path, one_shot()).checked_at_open()); }
}

TEST(DatabaseStartupCheck, ADueCheckRefusesADamagedFile) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  store_200_items(path);
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE maintenance SET done_at = 0");
  }
  ASSERT_NO_FATAL_FAILURE(damage_two_pages(path));
  const auto message = open_error([&] { Database db(path, one_shot()); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, ::testing::AnyOf(HasSubstr("damaged"), HasSubstr("malformed")));
}

int page_size_of(const std::filesystem::path& path) {
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  return raw.execAndGet("PRAGMA page_size").getInt();
}

TEST(Database, ANewFileGetsTheConfiguredPageSizeAndAnOldOneKeepsItsOwn) {
  TempDir dir;
  const auto fresh = dir.file("fresh.db");
  { Database db(fresh); }
  EXPECT_EQ(page_size_of(fresh), 8192);
  const auto old = dir.file("old.db");
  {
    DatabaseOptions options;
    options.page_size = 4096;
    Database db(old, options);
  }
  store_200_items(old);  // reopened with the default options
  EXPECT_EQ(page_size_of(old), 4096);
  SQLite::Database raw(old, SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM items").getInt(), 200);
  EXPECT_EQ(raw.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

/// Checkpoints every 100 frames, and 4 KiB pages: each row insert_page_rows writes fills one.
DatabaseOptions small_checkpoints() {
  DatabaseOptions options;
  options.checkpoint_pages = 100;
  options.page_size = 4096;
  return options;
}

/// One transaction of `count` rows of 4000 bytes, a page each, numbered from `first`.
void insert_page_rows(Database& db, int first, int count) {
  static const std::string row(4000, 'x');
  auto transaction = db.begin_write();
  SQLite::Statement insert(db.connection(),
                           "INSERT INTO maintenance (task, done_at) VALUES (?1, 0)");
  for (int i = first; i < first + count; ++i) {
    insert.bind(1, std::to_string(i) + row);
    insert.exec();
    insert.reset();
  }
  transaction.commit();
}

/// The rows insert_page_rows wrote, as `reader` sees them.
int page_rows(SQLite::Database& reader) {
  return reader.execAndGet("SELECT count(*) FROM maintenance WHERE done_at = 0").getInt();
}

TEST(DatabaseCheckpoint, RunsOnABackgroundThread) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  Database db(path, small_checkpoints());
  // 2000 commits of a page each: 20 times the threshold.
  for (int i = 0; i < 2000; ++i) insert_page_rows(db, i, 1);
  // The writer never checkpoints: only the background thread moves pages into the file.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::filesystem::file_size(path) < (4u << 20) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_GT(std::filesystem::file_size(path), 4u << 20) << "pages reached the database file";
  EXPECT_GT(db.background_checkpoints(), 0u);
  EXPECT_EQ(db.integrity_check(), "ok");
}

std::uintmax_t wal_size(const std::filesystem::path& path) {
  return std::filesystem::file_size(path.string() + "-wal");
}

TEST(DatabaseCheckpoint, AWriterThatNeverPausesStillStartsTheWalOver) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  Database db(path, small_checkpoints());
  // 5000 pages in 250 commits without a pause: 50 times the threshold.
  std::uintmax_t longest = 0;
  for (int i = 0; i < 250; ++i) {
    insert_page_rows(db, i * 20, 20);
    longest = std::max(longest, wal_size(path));
  }
  EXPECT_GT(db.wal_restarts(), 0u);
  // 4 × 100 frames before a restart, and another 100 per attempt that found the background
  // checkpoint busy: far from the 5000 pages written.
  EXPECT_LT(longest, 1500u * 4120u) << "the WAL grew to " << longest << " bytes";
  EXPECT_EQ(db.integrity_check(), "ok");
  SQLite::Database reader(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(page_rows(reader), 5000);
}

TEST(DatabaseCheckpoint, AReaderInTheWalDoesNotStopTheWriter) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  auto options = small_checkpoints();
  options.busy_timeout_ms = 60000;
  Database db(path, options);
  insert_page_rows(db, 0, 10);
  // A reader holds a snapshot in the WAL: no restart can succeed while it reads, and the
  // writer must not wait for it (the busy timeout is a minute).
  SQLite::Database reader(path, SQLite::OPEN_READONLY);
  SQLite::Transaction snapshot(reader, SQLite::TransactionBehavior::DEFERRED);
  EXPECT_EQ(page_rows(reader), 10);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 1; i <= 100; ++i) insert_page_rows(db, i * 10, 10);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_EQ(page_rows(reader), 10);
  EXPECT_EQ(db.wal_restarts(), 0u);
  snapshot.commit();
  // Once the reader is gone, a later attempt succeeds (one may still meet the thread busy).
  int rows = 1010;
  for (; rows < 3010 && db.wal_restarts() == 0; rows += 10) insert_page_rows(db, rows, 10);
  EXPECT_GT(db.wal_restarts(), 0u);
  EXPECT_EQ(page_rows(reader), rows);
}

// What deleting one row reads, counting the foreign keys' actions and the triggers: every
// table that refers to it is searched through an index, none read whole (SCAN).
std::string scans_when_deleting(SQLite::Database& connection, const std::string& table) {
  SQLite::Statement explain(connection, "EXPLAIN QUERY PLAN DELETE FROM " + table + " WHERE id = 1");
  std::string scans;
  while (explain.executeStep()) {
    const auto detail = explain.getColumn(3).getString();
    if (detail.starts_with("SCAN")) scans += detail + "\n";
  }
  return scans;
}

// Schema 9: an item's delete found the stories naming it as their primary by reading every
// story (8 ms per item at 120k stories), which made retention of thousands of items take
// minutes.
TEST(Database, DeletesFindEveryReferringRowThroughAnIndex) {
  TempDir dir;
  Database db(dir.file("feedd.db"));
  for (const char* table : {"items", "stories", "feeds"})
    EXPECT_EQ(scans_when_deleting(db.connection(), table), "") << "DELETE FROM " << table;
}

TEST(Database, MigratingToSchema9IndexesTheStoriesPrimaries) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  {
    auto raw = database_at_schema(path, 8);
    raw.exec("PRAGMA foreign_keys = ON");  // as feedd's connections have it
    EXPECT_NE(scans_when_deleting(raw, "items"), "") << "the scan schema 9 removes";
  }
  Database db(path);
  EXPECT_EQ(scans_when_deleting(db.connection(), "items"), "");
}

// Whether `connection` accepts, inside a transaction, a story naming an item not stored yet,
// and whether that transaction then commits. The transaction is rolled back either way.
struct PrimaryCheck {
  bool insert_accepted = false;
  bool commit_accepted = false;
};

PrimaryCheck story_naming_a_missing_item(SQLite::Database& connection) {
  PrimaryCheck check;
  connection.exec("BEGIN");
  try {
    connection.exec("INSERT INTO stories (primary_item_id, created_at) VALUES (999, 0)");
    check.insert_accepted = true;
    connection.exec("COMMIT");
    check.commit_accepted = true;
  } catch (const SQLite::Exception&) {
    // A COMMIT refused for a deferred key leaves the transaction open.
    if (sqlite3_get_autocommit(connection.getHandle()) == 0) connection.exec("ROLLBACK");
  }
  return check;
}

// Schema 11: a story's key to its primary item is checked at COMMIT, so a story can name the
// item inserted right after it. Rows stay; a connection opened before the migration reads the
// new definition too (the schema cookie moved).
TEST(Database, MigratingToSchema11ChecksTheStoryPrimaryAtCommit) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  {
    auto raw = database_at_schema(path, 10);
    insert_one_of_each(raw);
    raw.exec("INSERT INTO stories (primary_item_id, created_at) VALUES (1, 0)");
  }
  SQLite::Database before(path, SQLite::OPEN_READWRITE);
  before.exec("PRAGMA foreign_keys = ON");  // as feedd's connections have it
  const auto at_10 = story_naming_a_missing_item(before);
  EXPECT_FALSE(at_10.insert_accepted) << "schema 10 checks the key at once";
  {
    Database db(path);
    EXPECT_EQ(db.connection().execAndGet("PRAGMA user_version").getInt(), current_schema_version());
    EXPECT_EQ(db.integrity_check(), "ok");
    const auto at_11 = story_naming_a_missing_item(db.connection());
    EXPECT_TRUE(at_11.insert_accepted);
    EXPECT_FALSE(at_11.commit_accepted) << "the key is still checked, at COMMIT";
    db.connection().exec("BEGIN");
    db.connection().exec("INSERT INTO stories (primary_item_id, created_at) VALUES (2, 0)");
    db.connection().exec(
        "INSERT INTO items (id, feed_id, identity_key, content_fingerprint, first_seen_at, "
        "last_seen_at) VALUES (2, 1, 'k2', '', 0, 0)");
    EXPECT_NO_THROW(db.connection().exec("COMMIT"));
    // Before the Database closes: its PRAGMA optimize may write sqlite_stat1, which would
    // make every connection read the schema again anyway.
    const auto reread = story_naming_a_missing_item(before);
    EXPECT_TRUE(reread.insert_accepted) << "the connection opened before read the new schema";
    EXPECT_FALSE(reread.commit_accepted);
  }
  EXPECT_EQ(before.execAndGet("SELECT group_concat(primary_item_id) FROM stories").getString(),
            "1,2");
}

}  // namespace
}  // namespace feedd
