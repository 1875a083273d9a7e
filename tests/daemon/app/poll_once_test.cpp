// A poll pass's use of host slots: a fetched body leaves its host's slot before it is parsed,
// so a host's next fetch does not wait for the worker pool.

#include "daemon/app/poll_once.hpp"

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "app_test_support.hpp"
#include "daemon/config/config.hpp"
#include "daemon/scheduler/clock.hpp"
#include "daemon/storage/storage_test_support.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;
using storage_test::base_time;
using storage_test::TempDir;
using test::FixtureResponse;
using test::FixtureServer;

FixtureResponse feed_response(const std::string& title) {
  FixtureResponse response;
  response.headers = {{"Content-Type", "application/rss+xml"}};
  response.body = testing::teaser_feed("http://127.0.0.1/articles", 3, title);
  return response;
}

/// A pass over two feeds of one host, one fetch at a time per host, one worker thread.
struct OneHostPass {
  OneHostPass() {
    server.on("/a.xml", feed_response("A"));
    server.on("/b.xml", feed_response("B"));
    auto store = std::make_unique<Store>(dir.file("feedd.db"));
    std::vector<Subscription> subscriptions(2);
    subscriptions[0].url = server.url("/a.xml");
    subscriptions[1].url = server.url("/b.xml");
    const auto ids = store->add_feeds(subscriptions, base_time);
    feeds = {{ids[0], server.url("/a.xml"), std::nullopt}, {ids[1], server.url("/b.xml"), std::nullopt}};
    storage = std::make_unique<StorageOwner>(std::move(store));
    http_options.allowed_addresses = {server.endpoint()};
  }

  FixtureServer server;
  TempDir dir;
  std::vector<FeedRef> feeds;
  std::unique_ptr<StorageOwner> storage;
  HttpClientOptions http_options;
  Config config;
};

// The worker pool is held busy until the server has seen the second feed's request (at most
// 10 s): that request can only come while the first body waits for the pool if the host's one
// slot went back when the body arrived.
TEST(PollOnce, AHostsNextFetchDoesNotWaitForTheFirstBodyToBeParsed) {
  OneHostPass pass;
  asio::io_context io;
  HttpClient http(io.get_executor(), pass.http_options);
  HostLimiter limiter(4, 1);
  HostLimiter backlog(4, 4);
  WorkerPool cpu(1);
  SystemClock clock;
  FeedDirectory directory(pass.config);
  PollContext context{.http = http,
                      .limiter = limiter,
                      .cpu = cpu,
                      .storage = *pass.storage,
                      .clock = clock,
                      .feeds = directory,
                      .site_rules = nullptr,
                      .jitter = [] { return 0.5; },
                      .full_text = false};
  context.store_backlog = &backlog;

  int second_seen_while_busy = -1;
  auto hold_pool = [&pass] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (pass.server.hits("/b.xml") == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return pass.server.hits("/b.xml");
  };
  PollSummary summary;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> { second_seen_while_busy = co_await cpu.run(hold_pool); },
                 asio::detached);
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    summary = co_await poll_feeds_once(pass.feeds, context, 1, nullptr);
  }, asio::detached);
  io.run();

  EXPECT_EQ(second_seen_while_busy, 1);
  EXPECT_EQ(summary.ok, 2);
  EXPECT_EQ(summary.new_items, 6);
  EXPECT_EQ(limiter.in_flight(), 0);
  EXPECT_EQ(backlog.in_flight(), 0);
}

}  // namespace
}  // namespace feedd
