#include "daemon/scheduler/host_limiter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

namespace feedd {
namespace {

namespace asio = boost::asio;
using Permit = HostLimiter::Permit;

/// Lets other coroutines run `turns` times while the caller holds whatever it holds.
asio::awaitable<void> yield(int turns) {
  for (int i = 0; i < turns; ++i)
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
}

/// Runs the handlers that are ready (poll() alone stays stopped once the context ran out of work).
void settle(asio::io_context& io) {
  io.restart();
  io.poll();
}

/// How a spawned acquire ended.
struct Attempt {
  std::optional<Permit> permit;
  bool finished = false;
  bool aborted = false;
};

void spawn_acquire(asio::io_context& io, HostLimiter& limiter, std::string host, Attempt& out,
                   asio::cancellation_signal* signal = nullptr) {
  auto task = [&limiter, &out, host]() -> asio::awaitable<void> {
    out.permit = co_await limiter.acquire(host);
  };
  auto done = [&out](std::exception_ptr error) {
    out.finished = true;
    out.aborted = error != nullptr;
  };
  if (signal) {
    asio::co_spawn(io, task, asio::bind_cancellation_slot(signal->slot(), done));
  } else {
    asio::co_spawn(io, task, done);
  }
}

TEST(HostKey, IsTheLowerCasedHostAndOneKeyForFiles) {
  EXPECT_EQ(host_key("https://Example.COM:8443/feed?x=1"), "example.com");
  EXPECT_EQ(host_key("http://example.com/other"), "example.com");
  EXPECT_EQ(host_key("file:///srv/feeds/a.xml"), "file:");
  EXPECT_EQ(host_key("FILE:///srv/feeds/b.xml"), "file:");
  EXPECT_EQ(host_key("not a url"), "not a url");
}

TEST(HostLimiter, HonoursPerHostAndTotalCapsUnderLoad) {
  asio::io_context io;
  HostLimiter limiter(4, 2);
  std::map<std::string, int> peak_per_host;
  int peak_total = 0;
  int completed = 0;
  for (int i = 0; i < 30; ++i) {
    const std::string host = "host" + std::to_string(i % 3) + ".example";
    asio::co_spawn(
        io,
        [&, host, i]() -> asio::awaitable<void> {
          auto permit = co_await limiter.acquire(host);
          peak_total = std::max(peak_total, limiter.in_flight());
          peak_per_host[host] = std::max(peak_per_host[host], limiter.in_flight(host));
          co_await yield(1 + i % 4);
          ++completed;
        },
        asio::detached);
  }
  io.run_for(std::chrono::seconds(10));
  EXPECT_EQ(completed, 30);
  EXPECT_EQ(peak_total, 4);
  for (const auto& [host, peak] : peak_per_host) EXPECT_EQ(peak, 2) << host;
  EXPECT_EQ(limiter.in_flight(), 0);
  EXPECT_EQ(limiter.waiting(), 0u);
}

TEST(HostLimiter, ServesWaitersOfOneHostInArrivalOrder) {
  asio::io_context io;
  HostLimiter limiter(10, 1);
  std::vector<int> order;
  Attempt holder;
  spawn_acquire(io, limiter, "a", holder);
  settle(io);
  ASSERT_TRUE(holder.permit);
  for (int i = 0; i < 5; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          auto permit = co_await limiter.acquire("a");
          order.push_back(i);
          co_await yield(2);
        },
        asio::detached);
  }
  settle(io);
  EXPECT_EQ(limiter.waiting(), 5u);
  holder.permit.reset();
  io.run_for(std::chrono::seconds(10));
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(HostLimiter, ASaturatedHostDoesNotHoldBackOthers) {
  asio::io_context io;
  HostLimiter limiter(3, 1);
  Attempt slow, queued, other;
  spawn_acquire(io, limiter, "slow.example", slow);
  spawn_acquire(io, limiter, "slow.example", queued);
  spawn_acquire(io, limiter, "fast.example", other);
  settle(io);
  EXPECT_TRUE(slow.permit);
  EXPECT_FALSE(queued.finished);
  EXPECT_TRUE(other.permit);
  slow.permit.reset();
  settle(io);
  EXPECT_TRUE(queued.permit);
}

TEST(HostLimiter, TotalCapQueuesEveryHostInOrder) {
  asio::io_context io;
  HostLimiter limiter(1, 5);
  Attempt first, second, third;
  spawn_acquire(io, limiter, "a", first);
  spawn_acquire(io, limiter, "b", second);
  spawn_acquire(io, limiter, "c", third);
  settle(io);
  EXPECT_TRUE(first.permit);
  EXPECT_EQ(limiter.waiting(), 2u);
  first.permit.reset();
  settle(io);
  EXPECT_TRUE(second.permit);
  EXPECT_FALSE(third.finished);
  second.permit.reset();
  settle(io);
  EXPECT_TRUE(third.permit);
}

TEST(HostLimiter, CancelledWaiterLeavesNoTrace) {
  asio::io_context io;
  HostLimiter limiter(5, 1);
  Attempt holder, cancelled, later;
  asio::cancellation_signal signal;
  spawn_acquire(io, limiter, "a", holder);
  spawn_acquire(io, limiter, "a", cancelled, &signal);
  settle(io);
  ASSERT_EQ(limiter.waiting(), 1u);
  signal.emit(asio::cancellation_type::terminal);
  settle(io);
  EXPECT_TRUE(cancelled.finished);
  EXPECT_TRUE(cancelled.aborted);
  EXPECT_EQ(limiter.waiting(), 0u);
  EXPECT_EQ(limiter.in_flight("a"), 1);
  holder.permit.reset();
  EXPECT_EQ(limiter.in_flight(), 0);
  spawn_acquire(io, limiter, "a", later);
  settle(io);
  EXPECT_TRUE(later.permit);
}

TEST(HostLimiter, CancelAfterGrantStillReleasesTheSlot) {
  asio::io_context io;
  HostLimiter limiter(5, 1);
  Attempt holder;
  bool finished = false;
  bool reached_next_step = false;
  asio::cancellation_signal signal;
  spawn_acquire(io, limiter, "a", holder);
  settle(io);
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto permit = co_await limiter.acquire("a");
        // The cancellation came after the grant, so it ends the next wait instead.
        asio::steady_timer never(co_await asio::this_coro::executor,
                                 asio::steady_timer::time_point::max());
        co_await never.async_wait(asio::use_awaitable);
        reached_next_step = true;
      },
      asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr) { finished = true; }));
  settle(io);
  holder.permit.reset();  // grants the waiter; its wake-up is queued
  signal.emit(asio::cancellation_type::terminal);
  settle(io);
  EXPECT_TRUE(finished);
  EXPECT_FALSE(reached_next_step);
  EXPECT_EQ(limiter.in_flight(), 0);
  EXPECT_EQ(limiter.waiting(), 0u);
}

TEST(HostLimiter, DestroyedWaitersGiveBackGrantedAndQueuedSlots) {
  HostLimiter limiter(5, 1);
  {
    asio::io_context io;
    Attempt holder, granted, queued;
    spawn_acquire(io, limiter, "a", holder);
    spawn_acquire(io, limiter, "a", granted);
    spawn_acquire(io, limiter, "a", queued);
    settle(io);
    ASSERT_EQ(limiter.waiting(), 2u);
    holder.permit.reset();  // grants `granted`, which never runs again
    EXPECT_EQ(limiter.in_flight(), 1);
  }
  EXPECT_EQ(limiter.in_flight(), 0);
  EXPECT_EQ(limiter.waiting(), 0u);
}

TEST(HostLimiterPermit, MovesAndReleasesOnce) {
  asio::io_context io;
  HostLimiter limiter(2, 2);
  Attempt first, second;
  spawn_acquire(io, limiter, "a", first);
  spawn_acquire(io, limiter, "a", second);
  settle(io);
  ASSERT_EQ(limiter.in_flight(), 2);
  Permit moved(std::move(*first.permit));
  EXPECT_FALSE(*first.permit);
  EXPECT_TRUE(moved);
  EXPECT_EQ(moved.host(), "a");
  first.permit.reset();
  EXPECT_EQ(limiter.in_flight(), 2);
  moved = std::move(*second.permit);  // releases the slot `moved` held
  EXPECT_EQ(limiter.in_flight(), 1);
  moved.release();
  moved.release();
  EXPECT_EQ(limiter.in_flight(), 0);
}

}  // namespace
}  // namespace feedd
