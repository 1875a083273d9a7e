#include "daemon/scheduler/scheduler.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <stdexcept>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "support/fake_clock.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;
using namespace std::chrono;
using Kind = PollOutcome::Kind;

/// A refresher whose answers the test scripts, and which can hang until released.
struct FakeRefresher {
  explicit FakeRefresher(const Clock& c) : clock(c) {}

  const Clock& clock;
  std::vector<std::pair<FeedId, sys_seconds>> calls;
  std::map<FeedId, std::function<RefreshResult()>> answers;  ///< default: ok
  std::set<FeedId> hang;                                     ///< these wait until release()
  std::map<FeedId, asio::steady_timer*> hanging;
  std::set<FeedId> released;

  asio::awaitable<RefreshResult> refresh(FeedId id) {
    calls.emplace_back(id, clock.now());
    if (hang.count(id)) {
      asio::steady_timer gate(co_await asio::this_coro::executor,
                              asio::steady_timer::time_point::max());
      hanging[id] = &gate;
      auto [ec] = co_await gate.async_wait(asio::as_tuple(asio::use_awaitable));
      hanging.erase(id);
      if (!released.count(id)) throw boost::system::system_error(ec, "fake fetch");
    }
    auto answer = answers.find(id);
    co_return answer == answers.end() ? RefreshResult{} : answer->second();
  }

  void release(FeedId id) {
    released.insert(id);
    hang.erase(id);
    if (auto* gate = hanging[id]) gate->cancel();
  }

  std::vector<sys_seconds> times_of(FeedId id) const {
    std::vector<sys_seconds> times;
    for (const auto& [feed, at] : calls) {
      if (feed == id) times.push_back(at);
    }
    return times;
  }
};

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override { start(10, 1); }

  void start(int total, int per_host, std::size_t launch_limit = 0,
             std::size_t launch_limit_per_host = 0) {
    limiter = std::make_unique<HostLimiter>(total, per_host);
    SchedulerOptions options;
    options.launch_limit = launch_limit;
    options.launch_limit_per_host = launch_limit_per_host;
    options.jitter = [] { return 0.0; };
    options.on_plan = [this](FeedId id, const PollPlan& plan) { plans.emplace_back(id, plan); };
    scheduler = std::make_unique<Scheduler>(
        io.get_executor(), clock, *limiter, [this](FeedId id, HostLimiter::Permit&) { return fake.refresh(id); },
        options);
  }

  void run_loop() {
    asio::co_spawn(io, scheduler->run(), [this](std::exception_ptr error) {
      loop_finished = true;
      loop_failed = error != nullptr;
    });
    settle();
  }

  void TearDown() override {
    if (scheduler) stop_and_wait(milliseconds(10));
  }

  /// Runs every handler that is ready; the loop's timer sleeps in real time, so this returns.
  void settle() {
    io.restart();
    io.poll();
  }

  void advance(seconds by) {
    clock.advance(by);
    scheduler->wake();
    settle();
  }

  StopReport stop_and_wait(milliseconds grace) {
    std::optional<StopReport> report;
    asio::co_spawn(io, scheduler->stop(grace),
                   [&](std::exception_ptr, StopReport r) { report = r; });
    io.restart();
    for (int i = 0; i < 1000 && !report; ++i) io.run_for(milliseconds(10));
    settle();
    return report.value_or(StopReport{99, 99, 99});
  }

  static ScheduledFeed feed(FeedId id, std::string url) {
    ScheduledFeed f;
    f.id = id;
    f.url = std::move(url);
    return f;
  }

  asio::io_context io;
  testing::FakeClock clock;
  FakeRefresher fake{clock};
  std::unique_ptr<HostLimiter> limiter;
  std::unique_ptr<Scheduler> scheduler;
  std::vector<std::pair<FeedId, PollPlan>> plans;
  bool loop_finished = false;
  bool loop_failed = false;
  const sys_seconds t0 = clock.now();
};

TEST_F(SchedulerTest, PollsNewFeedsAtOnceThenEveryInterval) {
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  scheduler->add_feed(feed(2, "https://b.example/rss"));
  run_loop();
  EXPECT_EQ(fake.times_of(1), (std::vector{t0}));
  EXPECT_EQ(fake.times_of(2), (std::vector{t0}));
  EXPECT_EQ(scheduler->state(1)->next_poll, t0 + 30min);
  advance(29min + 59s);
  EXPECT_EQ(fake.calls.size(), 2u);
  advance(1s);
  EXPECT_EQ(fake.times_of(1), (std::vector{t0, t0 + 30min}));
  EXPECT_EQ(fake.times_of(2), (std::vector{t0, t0 + 30min}));
  EXPECT_EQ(scheduler->state(2)->last_plan, "in 30 min (interval)");
}

TEST_F(SchedulerTest, HonoursTheStoredNextPollTime) {
  auto f = feed(1, "https://a.example/feed");
  f.next_poll = t0 + 10min;
  scheduler->add_feed(f);
  run_loop();
  EXPECT_TRUE(fake.calls.empty());
  advance(10min);
  EXPECT_EQ(fake.times_of(1), (std::vector{t0 + 10min}));
}

TEST_F(SchedulerTest, ErrorsBackOffThenSuccessRestoresTheCadence) {
  int errors = 0;
  fake.answers[1] = [&] {
    RefreshResult r;
    r.outcome.kind = errors < 3 ? Kind::error : Kind::ok;
    r.stats.consecutive_errors = errors < 3 ? ++errors : 0;
    return r;
  };
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  run_loop();
  for (auto gap : {30min, 60min, 120min, 30min}) advance(gap);
  EXPECT_EQ(fake.times_of(1), (std::vector{t0, t0 + 30min, t0 + 90min, t0 + 210min, t0 + 240min}));
}

TEST_F(SchedulerTest, RateLimitedFeedWaitsForRetryAfter) {
  fake.answers[1] = [] { return RefreshResult{{Kind::rate_limited, 120s}, {}, {}}; };
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  run_loop();
  advance(119s);
  EXPECT_EQ(fake.calls.size(), 1u);
  advance(1s);
  EXPECT_EQ(fake.times_of(1), (std::vector{t0, t0 + 2min}));
}

TEST_F(SchedulerTest, FeedHintsComeFromTheRefreshedStats) {
  fake.answers[1] = [] {
    RefreshResult r;
    r.stats.ttl_minutes = 120;
    return r;
  };
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  run_loop();
  EXPECT_EQ(scheduler->state(1)->next_poll, t0 + 2h);
}

TEST_F(SchedulerTest, GoneDisablesTheFeedVisiblyUntilPollNow) {
  fake.answers[1] = [] { return RefreshResult{{Kind::gone, {}}, {}, {}}; };
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  run_loop();
  const auto state = scheduler->state(1);
  EXPECT_TRUE(state->disabled);
  EXPECT_EQ(state->disabled_reason, "gone (410)");
  EXPECT_EQ(state->next_poll, std::nullopt);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].second.at, std::nullopt);
  advance(48h);
  EXPECT_EQ(fake.calls.size(), 1u);
  fake.answers.erase(1);
  EXPECT_TRUE(scheduler->poll_now(1));
  settle();
  EXPECT_EQ(fake.times_of(1), (std::vector{t0, t0 + 48h}));
  EXPECT_FALSE(scheduler->state(1)->disabled);
}

TEST_F(SchedulerTest, ASlowHostDoesNotBlockOtherHosts) {
  fake.hang.insert(1);
  scheduler->add_feed(feed(1, "https://slow.example/a"));
  scheduler->add_feed(feed(2, "https://slow.example/b"));
  scheduler->add_feed(feed(3, "https://fast.example/feed"));
  run_loop();
  EXPECT_EQ(fake.times_of(1), (std::vector{t0}));
  EXPECT_TRUE(fake.times_of(2).empty());  // waits for slow.example's only slot
  EXPECT_EQ(fake.times_of(3), (std::vector{t0}));
  advance(30min);
  EXPECT_EQ(fake.times_of(3), (std::vector{t0, t0 + 30min}));
  EXPECT_TRUE(fake.times_of(2).empty());
  EXPECT_TRUE(scheduler->state(2)->in_flight);
  fake.release(1);
  settle();
  EXPECT_EQ(fake.times_of(2), (std::vector{t0 + 30min}));
  EXPECT_EQ(scheduler->state(1)->next_poll, t0 + 60min);
}

TEST_F(SchedulerTest, RemovedFeedIsNoLongerPolled) {
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  scheduler->add_feed(feed(2, "https://b.example/feed"));
  run_loop();
  EXPECT_TRUE(scheduler->remove_feed(1));
  EXPECT_FALSE(scheduler->remove_feed(1));
  advance(2h);
  EXPECT_EQ(fake.times_of(1).size(), 1u);
  EXPECT_EQ(fake.times_of(2).size(), 2u);
  EXPECT_EQ(scheduler->state(1), std::nullopt);
}

TEST_F(SchedulerTest, RemovingAFeedInFlightDropsItsResult) {
  fake.hang.insert(1);
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  run_loop();
  scheduler->remove_feed(1);
  fake.release(1);
  settle();
  EXPECT_TRUE(plans.empty());
  EXPECT_EQ(scheduler->in_flight(), 0u);
  advance(2h);
  EXPECT_EQ(fake.calls.size(), 1u);
}

TEST_F(SchedulerTest, PollNowPollsAtOnceOrRightAfterTheRefreshInFlight) {
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  run_loop();
  advance(5min);
  EXPECT_TRUE(scheduler->poll_now(1));
  settle();
  EXPECT_EQ(fake.times_of(1), (std::vector{t0, t0 + 5min}));
  EXPECT_FALSE(scheduler->poll_now(42));

  fake.hang.insert(1);
  advance(30min);
  EXPECT_TRUE(scheduler->poll_now(1));
  settle();
  EXPECT_EQ(fake.times_of(1).size(), 3u);
  fake.release(1);
  settle();
  EXPECT_EQ(fake.times_of(1), (std::vector{t0, t0 + 5min, t0 + 35min, t0 + 35min}));
}

TEST_F(SchedulerTest, SyncFeedsAddsUpdatesAndRemoves) {
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  scheduler->add_feed(feed(2, "https://b.example/feed"));
  run_loop();
  auto moved = feed(2, "https://c.example/feed");
  moved.policy.interval = 2h;
  scheduler->sync_feeds({moved, feed(3, "file:///srv/feeds/local.xml")});
  settle();
  EXPECT_EQ(scheduler->feed_count(), 2u);
  EXPECT_EQ(scheduler->state(1), std::nullopt);
  EXPECT_EQ(scheduler->state(2)->host, "c.example");
  EXPECT_EQ(scheduler->state(2)->next_poll, t0 + 30min);  // keeps its place in the queue
  EXPECT_EQ(scheduler->state(3)->host, "file:");
  EXPECT_EQ(fake.times_of(3), (std::vector{t0}));
  advance(30min);
  EXPECT_EQ(scheduler->state(2)->next_poll, t0 + 150min);  // the new interval applies next
}

TEST_F(SchedulerTest, AdoptsAPermanentRedirectAndItsHost) {
  fake.answers[1] = [] {
    RefreshResult r;
    r.adopted_url = "https://new.example/feed.xml";
    return r;
  };
  scheduler->add_feed(feed(1, "https://old.example/feed"));
  run_loop();
  EXPECT_EQ(scheduler->state(1)->url, "https://new.example/feed.xml");
  EXPECT_EQ(scheduler->state(1)->host, "new.example");
}

TEST_F(SchedulerTest, ARefresherThatThrowsIsRescheduledWithBackoff) {
  fake.answers[1] = []() -> RefreshResult { throw std::runtime_error("database is locked"); };
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  run_loop();
  advance(30min);
  advance(60min);
  EXPECT_EQ(fake.times_of(1), (std::vector{t0, t0 + 30min, t0 + 90min}));
  EXPECT_EQ(scheduler->state(1)->last_plan, "in 2 h (backoff after 3 errors)");
}

TEST_F(SchedulerTest, StopWaitsForRefreshesThatFinishWithinGrace) {
  fake.hang.insert(1);
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  run_loop();
  std::optional<StopReport> report;
  asio::co_spawn(io, scheduler->stop(seconds(30)),
                 [&](std::exception_ptr, StopReport r) { report = r; });
  settle();
  EXPECT_FALSE(report);
  fake.release(1);
  settle();
  ASSERT_TRUE(report);
  EXPECT_EQ(report->in_flight, 1u);
  EXPECT_EQ(report->cancelled, 0u);
  EXPECT_TRUE(loop_finished);
  EXPECT_FALSE(loop_failed);
  ASSERT_EQ(plans.size(), 1u);  // the finished refresh is still recorded
}

TEST_F(SchedulerTest, StopIsBoundedAndCancelsWhatHangs) {
  fake.hang = {1, 2};
  scheduler->add_feed(feed(1, "https://a.example/feed"));
  scheduler->add_feed(feed(2, "https://b.example/feed"));
  scheduler->add_feed(feed(3, "https://a.example/other"));  // queued behind feed 1's host slot
  run_loop();
  const auto report = stop_and_wait(milliseconds(20));
  EXPECT_EQ(report.in_flight, 3u);
  EXPECT_EQ(report.cancelled, 3u);
  EXPECT_EQ(report.abandoned, 0u);
  EXPECT_EQ(scheduler->in_flight(), 0u);
  EXPECT_EQ(limiter->in_flight(), 0);
  EXPECT_EQ(limiter->waiting(), 0u);
  EXPECT_TRUE(loop_finished);
  advance(1h);
  EXPECT_EQ(fake.calls.size(), 2u);  // nothing is launched after stop
}

TEST_F(SchedulerTest, TotalCapLimitsRefreshesInFlight) {
  start(2, 2);
  for (FeedId id = 1; id <= 5; ++id) {
    fake.hang.insert(id);
    scheduler->add_feed(feed(id, "https://h" + std::to_string(id) + ".example/feed"));
  }
  run_loop();
  EXPECT_EQ(fake.calls.size(), 2u);
  EXPECT_EQ(scheduler->in_flight(), 5u);
  fake.release(1);
  settle();
  EXPECT_EQ(fake.calls.size(), 3u);
}

// The daemon's first start finds every feed due at once. Launched refreshes stay within the
// launch limits (each is a coroutine in memory), one host's backlog does not hold back another
// host queued behind it, and every feed is still polled once.
TEST_F(SchedulerTest, LaunchLimitsBoundRefreshesWithoutHoldingBackOtherHosts) {
  start(10, 1, 4, 2);
  for (FeedId id = 1; id <= 6; ++id) {
    fake.hang.insert(id);
    scheduler->add_feed(feed(id, "https://busy.example/" + std::to_string(id)));
  }
  for (FeedId id = 7; id <= 8; ++id) {
    fake.hang.insert(id);
    scheduler->add_feed(feed(id, "https://quiet.example/" + std::to_string(id)));
  }
  run_loop();
  EXPECT_EQ(scheduler->in_flight(), 4u) << "2 per host";
  EXPECT_EQ(fake.times_of(1), (std::vector{t0}));
  EXPECT_EQ(fake.times_of(7), (std::vector{t0})) << "quiet.example is not behind busy.example";
  EXPECT_TRUE(scheduler->state(2)->in_flight) << "launched, waiting for its host slot";
  EXPECT_FALSE(scheduler->state(3)->in_flight) << "not launched yet";
  EXPECT_EQ(scheduler->state(3)->next_poll, t0) << "due";
  std::set<FeedId> polled;
  for (int round = 0; round < 10 && polled.size() < 8; ++round) {
    for (const auto& [id, at] : fake.calls) polled.insert(id);
    for (FeedId id : polled) fake.release(id);
    settle();
    EXPECT_LE(scheduler->in_flight(), 4u);
  }
  for (const auto& [id, at] : fake.calls) polled.insert(id);
  EXPECT_EQ(polled.size(), 8u);
  EXPECT_EQ(fake.calls.size(), 8u) << "each feed once";
}

}  // namespace
}  // namespace feedd
