#pragma once
/// Per-feed settings as the polling code needs them: the [[feed]] table of a URL (or the
/// defaults for a URL given on the command line), its poll policy, and the scheduler's view of
/// a stored feed.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/config.hpp"
#include "daemon/scheduler/poll_policy.hpp"
#include "daemon/storage/records.hpp"

namespace feedd {

class FeedDirectory {
public:
  /// Settings of every feed in `config`; URLs not in it get `[[feed]]` defaults.
  explicit FeedDirectory(const Config& config);

  const FeedConfig& settings(std::string_view url) const;
  PollPolicy policy(std::string_view url) const;
  const Config& config() const { return config_; }

private:
  Config config_;
  std::map<std::string, FeedConfig, std::less<>> by_url_;
  FeedConfig defaults_;
};

/// The subscriptions the store keeps for these feed settings.
std::vector<Subscription> subscriptions_of(const std::vector<FeedConfig>& feeds);

/// The scheduler's inputs from a stored feed.
FeedPollStats poll_stats_of(const FeedRecord& feed);

/// Copies what a feed document says about polling (ttl, skipHours/Days, sy:*) into `stats`.
void apply_polling_hints(FeedPollStats& stats, const feeds::PollingHints& hints);

}  // namespace feedd
