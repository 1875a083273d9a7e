#pragma once
/// The polling loop: keeps every feed's next poll time in a priority queue, sleeps until the
/// earliest one, runs refresh(feed) through the HostLimiter, plans the next poll with
/// plan_next_poll and reschedules.
///
/// Time: "now" always comes from the injected Clock; the steady_timer only decides when to look
/// at the clock again. It sleeps until the earliest due time by the Clock, at most
/// options.max_sleep (so a suspended machine or a stepped wall clock is noticed), and wake()
/// cuts any sleep short. Every change (add, remove, poll_now, a finished refresh) wakes it. Tests
/// use a FakeClock: advance it, call wake(), run the io_context until idle.
///
/// Threading: one io_context thread (or one strand) for every member and for the coroutines;
/// nothing here locks. The Clock, the HostLimiter and the Scheduler must outlive the coroutines
/// spawned by run(): finish with stop() before destroying them.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/scheduler/clock.hpp"
#include "daemon/scheduler/host_limiter.hpp"
#include "daemon/scheduler/poll_policy.hpp"

namespace feedd {

/// A feed's key in storage.
using FeedId = std::int64_t;

/// A feed as the scheduler needs it.
struct ScheduledFeed {
  FeedId id = 0;
  std::string url;  ///< only for the host key and for log lines
  PollPolicy policy;
  FeedPollStats stats;                   ///< from storage; the base for backoff if refresh throws
  std::optional<sys_seconds> next_poll;  ///< stored next check; nullopt or past: poll at once
};

/// What one refresh reports back.
struct RefreshResult {
  PollOutcome outcome;
  FeedPollStats stats;  ///< after this fetch (consecutive_errors counts it when it failed)
  std::optional<std::string> adopted_url;  ///< a 301/308 chain moved the feed (url_to_adopt)
};

/// Fetches, parses and stores one feed. Normal failures are outcomes, not exceptions; an
/// exception still reschedules the feed with backoff. The permit is the feed's host slot,
/// held for the call; the refresher may release it early, once it needs no connection.
using Refresher = std::function<boost::asio::awaitable<RefreshResult>(FeedId, HostLimiter::Permit&)>;

struct SchedulerOptions {
  /// Longest sleep before the clock is read again.
  std::chrono::seconds max_sleep = std::chrono::minutes(1);
  /// Draws in [0, 1) for next_poll's jitter; empty: a randomly seeded generator.
  std::function<double()> jitter;
  /// Called with every new plan (persist next_check_at, show it); may be empty.
  std::function<void(FeedId, const PollPlan&)> on_plan;
  /// Refreshes started and not finished, in total and per host (0: no bound). A refresh waiting
  /// for its host slot is a coroutine in memory: without a bound, the 5000 feeds due at the
  /// first start are 5000 of them. Due feeds beyond a bound wait in their host's queue; hosts
  /// take turns, so one host's backlog never holds back another's feeds.
  std::size_t launch_limit = 0;
  std::size_t launch_limit_per_host = 0;
};

/// A feed's schedule, for the dashboard and tests.
struct FeedScheduleState {
  std::string url;
  std::string host;
  std::optional<sys_seconds> next_poll;  ///< nullopt while in flight or when disabled
  bool in_flight = false;
  bool disabled = false;  ///< 410 Gone: not polled until poll_now()
  std::string disabled_reason;
  std::string last_plan;  ///< describe_schedule of the latest plan, "" before the first
};

/// How stop() went.
struct StopReport {
  std::size_t in_flight = 0;  ///< tasks running when stop() began
  std::size_t cancelled = 0;  ///< tasks still running after the grace period, then cancelled
  std::size_t abandoned = 0;  ///< tasks that had not ended after cancellation and a second grace
};

class Scheduler {
 public:
  Scheduler(boost::asio::any_io_executor executor, const Clock& clock, HostLimiter& limiter,
            Refresher refresher, SchedulerOptions options = {});
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  /// Adds a feed, due at feed.next_poll (or now). An existing id is updated instead.
  void add_feed(ScheduledFeed feed);
  /// Replaces URL and policy, keeping the feed's place in the queue, its stats and its state.
  /// Adds the feed when the id is unknown.
  void update_feed(ScheduledFeed feed);
  /// Stops polling a feed. A refresh in flight finishes; its result is dropped.
  bool remove_feed(FeedId id);
  /// SIGHUP: adds new ids, updates known ones, removes the ones not listed.
  void sync_feeds(std::vector<ScheduledFeed> feeds);
  /// Polls a feed as soon as a fetch slot is free (again after the current refresh when one is
  /// in flight). Re-enables a disabled feed. False for an unknown id.
  bool poll_now(FeedId id);
  /// Makes the loop re-read the clock now.
  void wake();

  /// The loop; returns after stop() or when cancelled. co_spawn it once.
  boost::asio::awaitable<void> run();
  /// Stops launching, waits up to `grace` for refreshes in flight, cancels the rest and waits up
  /// to `grace` again.
  boost::asio::awaitable<StopReport> stop(std::chrono::milliseconds grace);

  std::optional<FeedScheduleState> state(FeedId id) const;
  std::size_t feed_count() const noexcept { return feeds_.size(); }
  std::size_t in_flight() const noexcept { return tasks_.size(); }

 private:
  struct Entry {
    ScheduledFeed feed;
    std::string host;
    std::optional<sys_seconds> due;  ///< set iff the feed is in queue_
    std::optional<sys_seconds> waiting_since;  ///< due, set iff the feed waits in waiting_
    bool in_flight = false;
    bool poll_again = false;
    bool disabled = false;
    std::string disabled_reason;
    std::string last_plan;
    std::uint64_t generation = 0;
  };

  void schedule(Entry& entry, sys_seconds at);
  void unschedule(Entry& entry);
  std::chrono::seconds time_until_next_due() const;
  void launch_due_feeds();
  bool has_room(const std::string& host) const;
  void make_wait(Entry& entry, sys_seconds due);
  Entry* next_waiting(std::deque<FeedId>& queue);
  void launch_waiting();
  void launch(Entry& entry);
  void launch_ended(const std::string& host);
  boost::asio::awaitable<void> poll_feed(FeedId id, std::string host, std::uint64_t generation);
  RefreshResult failed_refresh(FeedId id, const char* what) const;
  void record_result(FeedId id, std::uint64_t generation, RefreshResult result);
  void on_task_done(std::uint64_t task, FeedId id, const std::string& host,
                    std::exception_ptr error);
  boost::asio::awaitable<void> wait_for_tasks(std::chrono::milliseconds bound);

  boost::asio::any_io_executor executor_;
  const Clock& clock_;
  HostLimiter& limiter_;
  Refresher refresher_;
  SchedulerOptions options_;
  boost::asio::steady_timer timer_;
  boost::asio::steady_timer idle_;
  std::map<FeedId, Entry> feeds_;
  std::set<std::pair<sys_seconds, FeedId>> queue_;  ///< (due, id): the earliest first
  /// Due feeds held back by a launch limit, by host; stale ids (removed, launched) are skipped.
  std::unordered_map<std::string, std::deque<FeedId>> waiting_;
  std::deque<std::string> waiting_hosts_;  ///< hosts with waiting feeds, in turn, each once
  std::unordered_map<std::string, std::size_t> launched_per_host_;
  std::size_t launched_ = 0;
  std::map<std::uint64_t, std::unique_ptr<boost::asio::cancellation_signal>> tasks_;
  std::uint64_t next_task_ = 0;
  std::uint64_t next_generation_ = 0;
  bool stopping_ = false;
};

}  // namespace feedd
