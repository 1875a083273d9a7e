// The Scheduler's feed table: adding, updating, removing and inspecting feeds at runtime.
#include <unordered_set>

#include "daemon/scheduler/scheduler.hpp"

namespace feedd {

void Scheduler::schedule(Entry& entry, sys_seconds at) {
  unschedule(entry);
  entry.due = at;
  queue_.emplace(at, entry.feed.id);
}

void Scheduler::unschedule(Entry& entry) {
  if (entry.due) queue_.erase({*entry.due, entry.feed.id});
  entry.due.reset();
}

void Scheduler::add_feed(ScheduledFeed feed) {
  if (feeds_.count(feed.id)) {
    update_feed(std::move(feed));
    return;
  }
  const auto now = clock_.now();
  const auto at = feed.next_poll && *feed.next_poll > now ? *feed.next_poll : now;
  const auto id = feed.id;
  Entry entry;
  entry.host = host_key(feed.url);
  entry.feed = std::move(feed);
  entry.generation = ++next_generation_;
  schedule(feeds_.emplace(id, std::move(entry)).first->second, at);
  wake();
}

void Scheduler::update_feed(ScheduledFeed feed) {
  auto found = feeds_.find(feed.id);
  if (found == feeds_.end()) {
    add_feed(std::move(feed));
    return;
  }
  Entry& entry = found->second;
  entry.host = host_key(feed.url);
  entry.feed.url = std::move(feed.url);
  entry.feed.policy = feed.policy;
}

bool Scheduler::remove_feed(FeedId id) {
  auto found = feeds_.find(id);
  if (found == feeds_.end()) return false;
  unschedule(found->second);
  feeds_.erase(found);
  wake();
  return true;
}

void Scheduler::sync_feeds(std::vector<ScheduledFeed> feeds) {
  std::unordered_set<FeedId> listed;
  for (const auto& feed : feeds) listed.insert(feed.id);
  std::vector<FeedId> gone;
  for (const auto& [id, entry] : feeds_) {
    if (!listed.count(id)) gone.push_back(id);
  }
  for (FeedId id : gone) remove_feed(id);
  for (auto& feed : feeds) add_feed(std::move(feed));
}

bool Scheduler::poll_now(FeedId id) {
  auto found = feeds_.find(id);
  if (found == feeds_.end()) return false;
  Entry& entry = found->second;
  entry.disabled = false;
  entry.disabled_reason.clear();
  if (entry.waiting_since) return true;  // due already, waiting for room to launch
  if (entry.in_flight) {
    entry.poll_again = true;
  } else {
    schedule(entry, clock_.now());
    wake();
  }
  return true;
}

std::optional<FeedScheduleState> Scheduler::state(FeedId id) const {
  auto found = feeds_.find(id);
  if (found == feeds_.end()) return std::nullopt;
  const Entry& entry = found->second;
  // A due feed waiting for room to launch is still due when it became due.
  const auto next_poll = entry.due ? entry.due : entry.waiting_since;
  return FeedScheduleState{entry.feed.url,  entry.host,     next_poll,
                           entry.in_flight, entry.disabled, entry.disabled_reason,
                           entry.last_plan};
}

}  // namespace feedd
