#include "daemon/app/storage_owner.hpp"

#include <future>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "daemon/storage/storage_test_support.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;
using storage_test::base_time;
using storage_test::TempDir;

/// Several writes queued while the storage thread is held up by a read, so they reach it as one
/// group; `ids` are the feeds they record a 304 for (an unknown id fails).
struct QueuedWrites {
  explicit QueuedWrites(const TempDir& dir) {
    auto store = std::make_unique<Store>(dir.file("feedd.db"));
    std::vector<Subscription> subscriptions;
    for (int i = 0; i < 4; ++i) subscriptions.push_back({"https://example.org/" + std::to_string(i), std::nullopt, {}});
    ids = store->add_feeds(subscriptions, base_time);
    storage = std::make_unique<StorageOwner>(std::move(store));
  }

  asio::awaitable<void> hold_storage() {
    auto wait = [this](Store&) { return release.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready; };
    held = co_await storage->run(wait);
  }

  asio::awaitable<void> record(FeedId id, std::size_t slot) {
    NotModifiedFetch fetch;
    fetch.fetched_at = base_time;
    auto write = [id, &fetch](Store& store) { store.record_not_modified(id, fetch); };
    try {
      co_await storage->write(write);
      outcomes[slot] = "ok";
    } catch (const std::exception& error) {
      outcomes[slot] = error.what();
    }
  }

  void run(const std::vector<FeedId>& targets) {
    asio::io_context io;
    outcomes.assign(targets.size(), "not run");
    asio::co_spawn(io, hold_storage(), asio::detached);
    for (std::size_t i = 0; i < targets.size(); ++i) asio::co_spawn(io, record(targets[i], i), asio::detached);
    asio::co_spawn(io, let_storage_go(), asio::detached);
    io.run();
  }

  asio::awaitable<void> let_storage_go() {
    release.set_value();
    co_return;
  }

  asio::awaitable<void> count_log_rows(FeedId id, std::size_t& rows) {
    auto count = [id](Store& store) { return store.recent_fetches(id, 10).size(); };
    rows = co_await storage->run(count);
  }

  std::size_t logged(FeedId id) {
    asio::io_context io;
    std::size_t rows = 99;
    asio::co_spawn(io, count_log_rows(id, rows), asio::detached);
    io.run();
    return rows;
  }

  std::vector<FeedId> ids;
  std::unique_ptr<StorageOwner> storage;
  std::promise<void> release;
  bool held = false;
  std::vector<std::string> outcomes;
};

TEST(StorageOwner, QueuedWritesCommitTogetherAndEachIsStored) {
  TempDir dir;
  QueuedWrites writes(dir);
  writes.run(writes.ids);
  EXPECT_TRUE(writes.held);
  for (std::size_t i = 0; i < writes.ids.size(); ++i) {
    EXPECT_EQ(writes.outcomes[i], "ok");
    EXPECT_EQ(writes.logged(writes.ids[i]), 1u);
  }
}

TEST(StorageOwner, AFailingWriteFailsAloneAndTheRestOfItsGroupIsStored) {
  TempDir dir;
  QueuedWrites writes(dir);
  const FeedId missing = 999999;
  writes.run({writes.ids[0], writes.ids[1], missing, writes.ids[2]});
  EXPECT_EQ(writes.outcomes[0], "ok");
  EXPECT_EQ(writes.outcomes[1], "ok");
  EXPECT_NE(writes.outcomes[2].find("no feed with id"), std::string::npos) << writes.outcomes[2];
  EXPECT_EQ(writes.outcomes[3], "ok");
  // The group was rolled back and each write ran again alone: one row each, none twice.
  EXPECT_EQ(writes.logged(writes.ids[0]), 1u);
  EXPECT_EQ(writes.logged(writes.ids[1]), 1u);
  EXPECT_EQ(writes.logged(writes.ids[2]), 1u);
  EXPECT_EQ(writes.logged(writes.ids[3]), 0u);
}

}  // namespace
}  // namespace feedd
