#include <gtest/gtest.h>

#include <future>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "daemon/status/status_pages.hpp"
#include "daemon/storage/storage_test_support.hpp"
#include "support/fake_clock.hpp"

namespace feedd {
namespace {

using namespace storage_test;
namespace asio = boost::asio;

class StatusPages_ : public ::testing::Test {
 protected:
  StatusPages_() {
    auto store = std::make_unique<Store>(dir_.file("feedd.db"));
    feed_ = store->sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time)[0];
    store->commit_fetch(feed_, make_fetch(numbered_items(0, 3), base_time));
    storage_ = std::make_unique<StorageOwner>(std::move(store));
    pages_ = std::make_unique<StatusPages>(*storage_, metrics_, clock_, base_time - 1h,
                                           std::chrono::milliseconds(100));
  }
  ~StatusPages_() override { storage_->stop(); }

  // Runs `body` to completion on a fresh loop, bounded.
  template <class Body>
  void run(Body& body) {
    asio::co_spawn(io_, body(), asio::detached);
    io_.run_for(std::chrono::seconds(20));
  }

  TempDir dir_;
  FeedId feed_ = 0;
  Metrics metrics_;
  testing::FakeClock clock_{base_time + 10min};
  std::unique_ptr<StorageOwner> storage_;
  std::unique_ptr<StatusPages> pages_;
  asio::io_context io_;
};

std::string body_of(const Reply& reply) { return reply.body ? *reply.body : ""; }

TEST_F(StatusPages_, ServesDashboardJsonAndMetrics) {
  Reply dashboard, api, metrics;
  auto body = [&]() -> asio::awaitable<void> {
    dashboard = co_await pages_->dashboard();
    api = co_await pages_->api_status();
    metrics = co_await pages_->metrics();
  };
  run(body);
  EXPECT_EQ(dashboard.status, 200);
  EXPECT_EQ(dashboard.content_type, "text/html; charset=utf-8");
  EXPECT_NE(body_of(dashboard).find("<dt>Items stored</dt><dd>3</dd>"), std::string::npos);
  EXPECT_NE(body_of(dashboard).find("<dt>Uptime</dt><dd>1 h 10 min</dd>"), std::string::npos);
  EXPECT_EQ(api.content_type, "application/json");
  EXPECT_NE(body_of(api).find("\"uptime_seconds\":4200"), std::string::npos);
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(body_of(metrics).find("\nfeedd_items_stored 3\n"), std::string::npos);
  EXPECT_NE(body_of(metrics).find("\nprocess_start_time_seconds 1704063600\n"), std::string::npos);
}

TEST_F(StatusPages_, FeedPageOrNoneForAnUnknownFeed) {
  std::optional<Reply> known, unknown;
  auto body = [&]() -> asio::awaitable<void> {
    known = co_await pages_->feed_page(feed_);
    unknown = co_await pages_->feed_page(feed_ + 100);
  };
  run(body);
  ASSERT_TRUE(known);
  EXPECT_EQ(known->status, 200);
  EXPECT_NE(body_of(*known).find("Title of guid-2"), std::string::npos);
  EXPECT_FALSE(unknown);
}

TEST_F(StatusPages_, HealthyWhenTheDatabaseAnswers) {
  Reply health;
  auto body = [&]() -> asio::awaitable<void> { health = co_await pages_->healthz(); };
  run(body);
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(body_of(health), "ok\n");
}

TEST_F(StatusPages_, UnhealthyWhenTheDatabaseDoesNotAnswerInTime) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto hold_storage = [released](Store&) {
    released.wait_for(std::chrono::seconds(10));
  };
  Reply health;
  auto block = [&]() -> asio::awaitable<void> { co_await storage_->run(hold_storage); };
  auto check = [&]() -> asio::awaitable<void> {
    health = co_await pages_->healthz();
    release.set_value();
  };
  asio::co_spawn(io_, block(), asio::detached);
  run(check);
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(body_of(health), "database did not answer within 100 ms\n");
}

TEST(FeedIdFromPath, AcceptsOnlyDecimalIds) {
  EXPECT_EQ(feed_id_from_path("/feeds/42"), 42);
  EXPECT_EQ(feed_id_from_path("/feeds/007"), 7);
  for (const char* path : {"/feeds/", "/feeds/4x", "/feeds/42/", "/feeds/-1", "/feeds/+1",
                           "/feeds/1 ", "/feed/1", "/feeds/1234567890123456789", "/"}) {
    EXPECT_FALSE(feed_id_from_path(path)) << path;
  }
}

}  // namespace
}  // namespace feedd
