#include "daemon/storage/database.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

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

TEST(Database, RefusesADatabaseWithADamagedPage) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  {
    Store store(path);
    store.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time);
    store.commit_fetch(1, make_fetch(numbered_items(0, 200)));
  }
  const auto page_size = 4096u;
  ASSERT_GT(std::filesystem::file_size(path), 4 * page_size);
  // Page 3 onwards: b-tree pages of the schema's tables; the header on page 1 stays valid.
  overwrite(path, 2 * page_size, std::string(2 * page_size, '\xff'));
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

}  // namespace
}  // namespace feedd
