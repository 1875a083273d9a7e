// security.md §3, kill -9 against the real daemon: feeds that change on every request, the
// daemon killed at random moments 30 times (the first as soon as its database file appears) and
// restarted on the same files. After each kill: the database is intact, nothing the daemon
// logged as committed is missing, nothing is duplicated, and the per-feed item counts match
// the items.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <regex>

#include "daemon/app/app_test_support.hpp"
#include "daemon/storage/migrations.hpp"

namespace feedd::testing {
namespace {

using test::FixtureRequest;
using test::FixtureResponse;
using test::FixtureServer;

constexpr int kFeeds = 12;
constexpr int kKills = 30;

/// A feed whose every response carries 10 items never seen before.
FixtureResponse changing_feed(std::atomic<int>& sequence) {
  int batch = ++sequence;
  std::string xml = "<rss version=\"2.0\"><channel><title>churn</title>";
  for (int i = 0; i < 10; ++i) {
    std::string id = std::to_string(batch) + "-" + std::to_string(i);
    xml += "<item><title>Item " + id + "</title><guid>urn:churn:" + id + "</guid><description>Body " + id +
           "</description></item>";
  }
  return FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}}, .body = xml + "</channel></rss>"};
}

/// The items the daemon logged as committed ("committed fetch feed=N new=K ...").
long committed_new_items(const std::string& log) {
  static const std::regex line(R"(committed fetch feed=\d+ new=(\d+))");
  long total = 0;
  for (std::sregex_iterator it(log.begin(), log.end(), line), end; it != end; ++it) total += std::stol((*it)[1]);
  return total;
}

/// The last lines of a daemon's log, for a failure's message.
std::string log_tail(const std::string& log) {
  constexpr std::size_t tail_bytes = 6000;
  return log.size() <= tail_bytes ? log : "[...]" + log.substr(log.size() - tail_bytes);
}

/// The files a kill left, copied to `copy` for the checks, so that the next daemon starts on
/// them as they were. nullopt when the daemon had not created the database yet. The copy is
/// opened read-write, so it recovers as that start will: the WAL is replayed, and a hot journal
/// (a kill while the daemon switched the new file to WAL) is rolled back, which a readonly
/// connection refuses to do ("attempt to write a readonly database").
std::optional<std::string> recovered_copy(const std::string& database, const std::string& copy) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(copy + suffix);
  if (!std::filesystem::exists(database)) return std::nullopt;
  for (const char* suffix : {"", "-wal", "-journal"}) {
    if (std::filesystem::exists(database + suffix))
      std::filesystem::copy_file(database + suffix, copy + suffix);
  }
  return copy;
}

void expect_consistent(const std::string& database, const std::string& scratch, long committed,
                       int kill) {
  SCOPED_TRACE("after kill " + std::to_string(kill));
  const auto copy = recovered_copy(database, scratch);
  const auto query = [&copy](const std::string& sql) {
    return query_column(*copy, sql, SQLite::OPEN_READWRITE);
  };
  if (copy) {
    EXPECT_EQ(query("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  }
  // A kill in the daemon's first moments may leave no file, or a schema migrated part of the
  // way (each migration commits on its own). The next start completes it.
  const bool schema_complete =
      copy && query("PRAGMA user_version") ==
                  std::vector<std::string>{std::to_string(current_schema_version())};
  if (!schema_complete) {
    EXPECT_EQ(committed, 0) << "fetches were logged as committed before the schema was complete";
    return;
  }
  EXPECT_TRUE(query("PRAGMA foreign_key_check").empty());
  auto stored = std::stol(query("SELECT count(*) FROM items").at(0));
  EXPECT_GE(stored, committed) << "an item logged as committed is missing";
  EXPECT_EQ(query("SELECT count(*) FROM (SELECT feed_id, identity_key FROM items "
                  "GROUP BY feed_id, identity_key HAVING count(*) > 1)"),
            std::vector<std::string>{"0"});
  EXPECT_EQ(query("SELECT count(*) FROM feeds f WHERE items_count != "
                  "(SELECT count(*) FROM items i WHERE i.feed_id = f.id)"),
            std::vector<std::string>{"0"});
}

TEST(Crash, KillNineNeverLosesOrDuplicatesCommittedFetches) {
  // Declared before the server: a request a killed daemon sent may still be answered until the
  // server's destructor joins its thread.
  std::atomic<int> sequence{0};
  FixtureServer server;
  std::string feeds_toml;
  for (int i = 0; i < kFeeds; ++i) {
    std::string path = "/churn/" + std::to_string(i) + ".xml";
    server.on(path, [&sequence](const FixtureRequest&) { return changing_feed(sequence); });
    feeds_toml += "[[feed]]\nurl = \"" + server.url(path) + "\"\n";
  }
  TempFolder folder;
  const std::string database = folder.path() + "/feedd.db";
  auto config = folder.write("feedd.toml", "[daemon]\ndatabase = \"" + database +
                                               "\"\nlisten = \"127.0.0.1:0\"\n[poll]\ninterval = \"1s\"\nmin_interval = \"1s\"\n"
                                               "allow_private_addresses = true\n[fulltext]\nenabled = false\n"
                                               "[retention]\nmax_items_per_feed = 100000\n" + feeds_toml);
  std::mt19937 random(20261126);
  long committed = 0;
  for (int kill = 1; kill <= kKills; ++kill) {
    const std::string log_path = folder.path() + "/log" + std::to_string(kill);
    int exit_code = 0;
    {
      BackgroundFeedd daemon({"run", "-c", config, "--log-level", "debug"}, log_path);
      if (kill == 1) {
        // Kill as soon as the database file appears, while the daemon creates its schema: that
        // takes a few milliseconds, so look every millisecond (at most 10 s for a slow start).
        wait_until([&database] { return std::filesystem::exists(database); },
                   std::chrono::seconds(10), std::chrono::milliseconds(1));
      } else {
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<>(100, 700)(random)));
      }
      daemon.signal(SIGKILL);
      exit_code = daemon.wait(10);
    }
    const auto log = detail::read_whole_file(log_path);
    EXPECT_EQ(exit_code, -1) << "the daemon exited by itself before kill " << kill;
    committed += committed_new_items(log);
    expect_consistent(database, folder.path() + "/checked.db", committed, kill);
    if (::testing::Test::HasFailure()) {
      std::cout << "the daemon's log before kill " << kill << ":\n" << log_tail(log) << "\n";
      break;
    }
  }
  EXPECT_GT(committed, 0) << "the daemon never committed a fetch between kills";
}

}  // namespace
}  // namespace feedd::testing
