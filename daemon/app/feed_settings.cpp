#include "daemon/app/feed_settings.hpp"

namespace feedd {

FeedDirectory::FeedDirectory(const Config& config) : config_(config) {
  for (const auto& feed : config_.feeds) by_url_.emplace(feed.url, feed);
}

const FeedConfig& FeedDirectory::settings(std::string_view url) const {
  auto it = by_url_.find(url);
  return it == by_url_.end() ? defaults_ : it->second;
}

PollPolicy FeedDirectory::policy(std::string_view url) const {
  const auto& poll = config_.poll;
  const auto& feed = settings(url);
  PollPolicy policy;
  policy.interval = feed.interval.value_or(poll.interval);
  policy.min_interval = poll.min_interval;
  policy.max_interval = poll.max_interval;
  // A feed whose config fixes its interval is polled at that interval, not at its posting rate.
  policy.adapt_to_posting_rate = !feed.interval.has_value();
  return policy;
}

std::vector<Subscription> subscriptions_of(const std::vector<FeedConfig>& feeds) {
  std::vector<Subscription> out;
  out.reserve(feeds.size());
  for (const auto& feed : feeds) out.push_back(Subscription{feed.url, feed.title, feed.tags});
  return out;
}

FeedPollStats poll_stats_of(const FeedRecord& feed) {
  FeedPollStats stats;
  stats.last_success = feed.last_success_at;
  stats.consecutive_errors = static_cast<int>(feed.consecutive_errors);
  stats.average_item_interval = feed.avg_item_interval;
  stats.http_max_age = feed.http_max_age;
  apply_polling_hints(stats, feed.hints);
  return stats;
}

void apply_polling_hints(FeedPollStats& stats, const feeds::PollingHints& hints) {
  stats.ttl_minutes = hints.ttl_minutes;
  stats.skip_hours = hints.skip_hours;
  stats.skip_days = hints.skip_days;
  stats.update_period = hints.update_period;
  stats.update_frequency = hints.update_frequency;
}

}  // namespace feedd
