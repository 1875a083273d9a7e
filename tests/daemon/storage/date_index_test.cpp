// items_by_date is dropped for a bulk load into an empty database and built again when the
// store closes, or by the next open when the process ended first (date_index.hpp).

#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

std::string date_index_sql(const std::filesystem::path& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement query(db, "SELECT sql FROM sqlite_schema WHERE name = 'items_by_date'");
  return query.executeStep() ? query.getColumn(0).getString() : "";
}

// The plan of the merged feed's order: the index, not a scan and a sort of every item.
std::string newest_items_plan(const std::filesystem::path& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement query(db, R"sql(
EXPLAIN QUERY PLAN SELECT id FROM items
ORDER BY coalesce(published_at, first_seen_at) DESC LIMIT 10)sql");
  std::string plan;
  while (query.executeStep()) plan += query.getColumn(3).getString() + "\n";
  return plan;
}

std::vector<std::string> newest_guids(Store& store) {
  std::vector<std::string> guids;
  for (const auto& item : store.recent_items(10)) guids.push_back(item.guid.value_or(""));
  return guids;
}

// Archive dates out of order, as a new subscription's are.
std::vector<feeds::Item> archive_items() {
  return {make_item("b", at(1700000000)), make_item("c", at(1703000000)),
          make_item("a", at(1690000000))};
}

class DateIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto fresh = dir_.file("fresh.db");
    { Store store(fresh); }
    migrated_sql_ = date_index_sql(fresh);
    ASSERT_NE(migrated_sql_, "");
  }

  TempDir dir_;
  std::filesystem::path path_ = dir_.file("feedd.db");
  std::string migrated_sql_;
};

TEST_F(DateIndexTest, ABulkLoadIntoAnEmptyDatabaseBuildsTheIndexWhenTheStoreCloses) {
  {
    Store store(path_);
    const auto feed = store.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time)[0];
    ASSERT_TRUE(store.defer_date_index_if_empty());
    EXPECT_EQ(date_index_sql(path_), "") << "dropped for the load";
    store.commit_fetch(feed, make_fetch(archive_items()));
    EXPECT_EQ(newest_guids(store), (std::vector<std::string>{"c", "b", "a"}))
        << "reads stay right without the index";
  }
  EXPECT_EQ(date_index_sql(path_), migrated_sql_);
  EXPECT_NE(newest_items_plan(path_).find("items_by_date"), std::string::npos)
      << newest_items_plan(path_);
  Store reopened(path_);
  EXPECT_EQ(newest_guids(reopened), (std::vector<std::string>{"c", "b", "a"}));
}

TEST_F(DateIndexTest, ADatabaseWithItemsKeepsItsIndex) {
  Store store(path_);
  const auto feed = store.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time)[0];
  store.commit_fetch(feed, make_fetch(archive_items()));
  EXPECT_FALSE(store.defer_date_index_if_empty());
  EXPECT_EQ(date_index_sql(path_), migrated_sql_);
}

// A copy of the files of a writer that never closes is what a crash leaves behind.
TEST_F(DateIndexTest, TheOpenAfterACrashDuringABulkLoadBuildsTheIndex) {
  const auto crashed = dir_.file("crashed.db");
  {
    Store store(path_);
    const auto feed = store.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time)[0];
    ASSERT_TRUE(store.defer_date_index_if_empty());
    store.commit_fetch(feed, make_fetch(archive_items()));
    std::filesystem::copy_file(path_, crashed);
    std::filesystem::copy_file(path_.string() + "-wal", crashed.string() + "-wal");
  }
  {
    SQLite::Database left(crashed, SQLite::OPEN_READWRITE);
    SQLite::Statement query(left, "SELECT count(*) FROM sqlite_schema WHERE name = 'items_by_date'");
    ASSERT_TRUE(query.executeStep());
    ASSERT_EQ(query.getColumn(0).getInt(), 0) << "the crash left the index missing";
  }
  Store store(crashed);
  EXPECT_EQ(date_index_sql(crashed), migrated_sql_) << "built at open, before any read";
  EXPECT_EQ(newest_guids(store), (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(store.integrity_check(), "ok");
}

}  // namespace
}  // namespace feedd
