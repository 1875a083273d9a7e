#pragma once
/// Helpers for the storage tests: a temporary folder, items and fetches to commit, and a dump
/// of every table for "nothing changed" checks.

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "daemon/storage/migrations.hpp"
#include "daemon/storage/store.hpp"

namespace feedd::storage_test {

using namespace std::chrono_literals;

/// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    auto pattern = (std::filesystem::temp_directory_path() / "feedd-storage-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline TimePoint at(std::int64_t unix_seconds) { return TimePoint{std::chrono::seconds{unix_seconds}}; }

/// 2024-01-01T00:00:00Z, the tests' "now".
inline const TimePoint base_time = at(1704067200);

inline feeds::Item make_item(const std::string& guid, std::optional<TimePoint> published = {},
                             const std::string& title = "") {
  feeds::Item item;
  item.id = guid;
  item.url = "https://example.org/" + guid;
  item.title = title.empty() ? "Title of " + guid : title;
  item.content_html = "<p>Body of " + guid + "</p>";
  item.content_text = "Body of " + guid;
  item.summary = "Body of " + guid;
  item.date_published = published;
  return item;
}

/// A fetch of `items` at `now`.
inline FetchCommit make_fetch(std::vector<feeds::Item> items, TimePoint now = base_time) {
  FetchCommit fetch;
  fetch.document.title = "Example feed";
  fetch.document.home_page_url = "https://example.org/";
  fetch.document.items = std::move(items);
  fetch.started_at = now;
  fetch.fetched_at = now;
  fetch.duration = 120ms;
  fetch.etag = "\"v1\"";
  fetch.last_modified = "Mon, 01 Jan 2024 00:00:00 GMT";
  fetch.next_poll_at = now + 30min;
  fetch.first_fetch_item_limit = 1000;
  return fetch;
}

/// `count` items guid-<first>..guid-<first+count-1>, one hour apart, newest last.
inline std::vector<feeds::Item> numbered_items(int first, int count) {
  std::vector<feeds::Item> items;
  for (int n = first; n < first + count; ++n) {
    items.push_back(make_item("guid-" + std::to_string(n), at(1700000000 + 3600 * n)));
  }
  return items;
}

/// A new file at schema `version`: the first `version` migrations run by hand, as an older
/// feedd left it, for the migration tests to open with a Store.
inline SQLite::Database database_at_schema(const std::filesystem::path& path, int version) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  for (int applied = 0; applied < version; ++applied)
    db.exec(std::string(migrations()[static_cast<std::size_t>(applied)]));
  db.exec("PRAGMA user_version = " + std::to_string(version));
  return db;
}

/// Every row of every table, one line per row, for before/after comparisons.
inline std::string dump_database(const std::filesystem::path& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  std::string dump;
  for (const char* table : {"feeds", "items", "fetch_log"}) {
    SQLite::Statement rows(db, std::string("SELECT * FROM ") + table + " ORDER BY id");
    while (rows.executeStep()) {
      dump += table;
      for (int column = 0; column < rows.getColumnCount(); ++column) {
        dump += '|';
        dump += rows.isColumnNull(column) ? "NULL" : rows.getColumn(column).getString();
      }
      dump += '\n';
    }
  }
  return dump;
}

/// SELECT count(*) ... on a separate read-only connection.
inline std::int64_t count_rows(const std::filesystem::path& path, const std::string& where_sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM " + where_sql).getInt64();
}

/// A wire story's text: long enough for a text fingerprint, so a copy in another feed is found
/// as the same story (cross-feed dedup).
inline constexpr const char* wire_text =
    "Just days after the International Criminal Court decided the United States and CIA may "
    "face trial for war crimes over alleged abuses committed in Afghanistan, Russia has "
    "preemptively avoided the court's jurisdiction for its own alleged abuses.";

/// An item with a link, a title, a plain text and a date, for the story tests.
inline feeds::Item story_item(const std::string& guid, const std::string& url, const std::string& title,
                              const std::string& text, TimePoint published) {
  feeds::Item item;
  item.id = guid;
  item.url = url;
  item.title = title;
  item.content_text = text;
  item.date_published = published;
  return item;
}

/// A store in a temporary folder with one feed, "https://example.org/feed.xml".
class StoreFixture : public ::testing::Test {
 protected:
  std::vector<ItemRecord> items() { return store_.recent_items(100000, {feed_}); }

  TempDir dir_;
  std::filesystem::path path_ = dir_.file("feedd.db");
  Store store_{path_};
  FeedId feed_ = store_.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time)[0];
};

/// `prefix` and n. (Appends: GCC 12 warns wrongly about `"literal" + std::to_string(n)`.)
inline std::string numbered(std::string prefix, int n) { return prefix.append(std::to_string(n)); }

/// Stores in several feeds of one database file, opened as the test needs (several writers,
/// reopened, with options), and reads back which story an item joined.
class StoryFileTest : public ::testing::Test {
 protected:
  FeedId add_feed(Store& store, const std::string& url) {
    return store.sync_feeds({{url, {}, {}}}, base_time)[0];
  }
  void store_item(Store& store, FeedId feed, const feeds::Item& item, TimePoint now = base_time) {
    store.commit_fetch(feed, make_fetch({item}, now));
  }
  std::optional<ItemId> story_of(const std::string& guid) {
    SQLite::Database db(path_, SQLite::OPEN_READONLY);
    SQLite::Statement select(db, "SELECT story_id FROM items WHERE guid = ?1");
    select.bind(1, guid);
    if (!select.executeStep()) return std::nullopt;
    return select.getColumn(0).getInt64();
  }

  TempDir dir_;
  std::filesystem::path path_ = dir_.file("feedd.db");
};

}  // namespace feedd::storage_test
