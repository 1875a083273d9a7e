#include "daemon/scheduler/scheduler.hpp"

#include <random>

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

namespace feedd {

namespace asio = boost::asio;

namespace {

std::function<double()> random_jitter() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

bool is_cancellation(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const boost::system::system_error& e) {
    return e.code() == asio::error::operation_aborted;
  } catch (...) {
    return false;
  }
}

}  // namespace

Scheduler::Scheduler(asio::any_io_executor executor, const Clock& clock, HostLimiter& limiter,
                     Refresher refresher, SchedulerOptions options)
    : executor_(executor),
      clock_(clock),
      limiter_(limiter),
      refresher_(std::move(refresher)),
      options_(std::move(options)),
      timer_(executor),
      idle_(executor) {
  if (!options_.jitter) options_.jitter = random_jitter();
  if (options_.max_sleep < std::chrono::seconds(1)) options_.max_sleep = std::chrono::seconds(1);
}

void Scheduler::wake() {
  timer_.cancel();
}

std::chrono::seconds Scheduler::time_until_next_due() const {
  if (queue_.empty()) return options_.max_sleep;
  const auto wait = queue_.begin()->first - clock_.now();
  return std::clamp(wait, std::chrono::seconds(0), options_.max_sleep);
}

asio::awaitable<void> Scheduler::run() {
  while (!stopping_) {
    launch_due_feeds();
    timer_.expires_after(time_until_next_due());
    co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
    if (cancelled != asio::cancellation_type::none) break;
  }
}

void Scheduler::launch_due_feeds() {
  const auto now = clock_.now();
  while (!stopping_ && !queue_.empty() && queue_.begin()->first <= now) {
    Entry& entry = feeds_.at(queue_.begin()->second);
    const auto due = *entry.due;
    unschedule(entry);
    // Behind the host's waiting feeds, never ahead of them.
    if (has_room(entry.host) && !waiting_.contains(entry.host)) {
      launch(entry);
    } else {
      make_wait(entry, due);
    }
  }
  // Room left by feeds that went away while they waited.
  launch_waiting();
}

bool Scheduler::has_room(const std::string& host) const {
  if (options_.launch_limit && launched_ >= options_.launch_limit) return false;
  if (!options_.launch_limit_per_host) return true;
  const auto found = launched_per_host_.find(host);
  return found == launched_per_host_.end() || found->second < options_.launch_limit_per_host;
}

void Scheduler::make_wait(Entry& entry, sys_seconds due) {
  entry.waiting_since = due;
  auto& queue = waiting_[entry.host];
  if (queue.empty()) waiting_hosts_.push_back(entry.host);
  queue.push_back(entry.feed.id);
}

Scheduler::Entry* Scheduler::next_waiting(std::deque<FeedId>& queue) {
  while (!queue.empty()) {
    const auto id = queue.front();
    queue.pop_front();
    auto found = feeds_.find(id);
    if (found != feeds_.end() && found->second.waiting_since) return &found->second;
  }
  return nullptr;
}

// Hosts take turns: each turn launches one waiting feed of the host at the front, if the host
// has room; a round in which no host has room ends it, as does the total limit.
void Scheduler::launch_waiting() {
  std::size_t hosts_without_room = 0;
  while (!stopping_ && !waiting_hosts_.empty() && hosts_without_room < waiting_hosts_.size()) {
    if (options_.launch_limit && launched_ >= options_.launch_limit) return;
    auto host = std::move(waiting_hosts_.front());
    waiting_hosts_.pop_front();
    auto& queue = waiting_[host];
    Entry* entry = next_waiting(queue);
    if (!entry) {
      waiting_.erase(host);
      continue;
    }
    if (!has_room(entry->host)) {
      queue.push_front(entry->feed.id);
      waiting_hosts_.push_back(std::move(host));
      ++hosts_without_room;
      continue;
    }
    entry->waiting_since.reset();
    launch(*entry);
    hosts_without_room = 0;
    if (queue.empty()) {
      waiting_.erase(host);
    } else {
      waiting_hosts_.push_back(std::move(host));
    }
  }
}

void Scheduler::launch(Entry& entry) {
  entry.in_flight = true;
  ++launched_;
  ++launched_per_host_[entry.host];
  const auto task = ++next_task_;
  auto& signal = tasks_[task] = std::make_unique<asio::cancellation_signal>();
  const auto id = entry.feed.id;
  asio::co_spawn(executor_, poll_feed(id, entry.host, entry.generation),
                 asio::bind_cancellation_slot(
                     signal->slot(), [this, task, id, host = entry.host](std::exception_ptr e) {
                       on_task_done(task, id, host, e);
                     }));
}

void Scheduler::launch_ended(const std::string& host) {
  --launched_;
  auto found = launched_per_host_.find(host);
  if (found != launched_per_host_.end() && --found->second == 0) launched_per_host_.erase(found);
  launch_waiting();
}

asio::awaitable<void> Scheduler::poll_feed(FeedId id, std::string host, std::uint64_t generation) {
  auto permit = co_await limiter_.acquire(std::move(host));
  RefreshResult result;
  try {
    result = co_await refresher_(id, permit);
  } catch (const boost::system::system_error& e) {
    if (stopping_ && e.code() == asio::error::operation_aborted) throw;
    result = failed_refresh(id, e.what());
  } catch (const std::exception& e) {
    result = failed_refresh(id, e.what());
  }
  permit.release();
  record_result(id, generation, std::move(result));
}

RefreshResult Scheduler::failed_refresh(FeedId id, const char* what) const {
  RefreshResult result;
  result.outcome.kind = PollOutcome::Kind::error;
  auto found = feeds_.find(id);
  if (found != feeds_.end()) {
    result.stats = found->second.feed.stats;
    spdlog::error("feed {} ({}): refresh threw: {}", id, found->second.feed.url, what);
  }
  ++result.stats.consecutive_errors;
  return result;
}

void Scheduler::record_result(FeedId id, std::uint64_t generation, RefreshResult result) {
  auto found = feeds_.find(id);
  // Removed (or removed and re-added) while the refresh ran: the result belongs to no one.
  if (found == feeds_.end() || found->second.generation != generation) return;
  Entry& entry = found->second;
  entry.in_flight = false;
  entry.feed.stats = std::move(result.stats);
  if (result.adopted_url && *result.adopted_url != entry.feed.url) {
    spdlog::info("feed {}: permanent redirect adopted, URL {} -> {}", id, entry.feed.url,
                 *result.adopted_url);
    entry.feed.url = std::move(*result.adopted_url);
    entry.host = host_key(entry.feed.url);
  }
  const auto now = clock_.now();
  const auto plan =
      plan_next_poll(entry.feed.stats, result.outcome, entry.feed.policy, now, options_.jitter());
  entry.last_plan = describe_schedule(plan, now);
  if (!plan.at) {
    entry.disabled = true;
    entry.disabled_reason = plan.reason;
    spdlog::warn("feed {} ({}): disabled: {}", id, entry.feed.url, plan.reason);
  } else {
    schedule(entry, std::exchange(entry.poll_again, false) ? now : *plan.at);
    spdlog::debug("feed {} ({}): next poll {}", id, entry.feed.url, entry.last_plan);
  }
  if (options_.on_plan) options_.on_plan(id, plan);
  wake();
}

void Scheduler::on_task_done(std::uint64_t task, FeedId id, const std::string& host,
                             std::exception_ptr error) {
  launch_ended(host);
  if (error) {
    if (is_cancellation(error)) {
      spdlog::debug("feed {}: refresh cancelled", id);
    } else {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        spdlog::error("feed {}: poll task failed: {}", id, e.what());
      } catch (...) {
        spdlog::error("feed {}: poll task failed with a non-standard exception", id);
      }
    }
  }
  // The signal is still attached to the finishing coroutine; drop it once that has unwound.
  asio::post(executor_, [this, task] {
    tasks_.erase(task);
    if (tasks_.empty()) idle_.cancel();
  });
}

asio::awaitable<void> Scheduler::wait_for_tasks(std::chrono::milliseconds bound) {
  if (tasks_.empty()) co_return;
  idle_.expires_after(bound);
  co_await idle_.async_wait(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<StopReport> Scheduler::stop(std::chrono::milliseconds grace) {
  stopping_ = true;
  wake();
  StopReport report;
  report.in_flight = tasks_.size();
  co_await wait_for_tasks(grace);
  report.cancelled = tasks_.size();
  if (!tasks_.empty()) {
    spdlog::warn("scheduler: cancelling {} refreshes still running after {} ms", tasks_.size(),
                 grace.count());
    for (auto& [task, signal] : tasks_) signal->emit(asio::cancellation_type::terminal);
    co_await wait_for_tasks(grace);
  }
  report.abandoned = tasks_.size();
  co_return report;
}

}  // namespace feedd
