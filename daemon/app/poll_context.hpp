#pragma once
/// Everything refreshing a feed or extracting an article needs, owned elsewhere (by `feedd
/// poll` or the daemon) and passed down: no globals, no config read from deep inside.

#include <cstddef>
#include <functional>

#include "daemon/app/feed_settings.hpp"
#include "daemon/app/poll_events.hpp"
#include "daemon/app/storage_owner.hpp"
#include "daemon/http/http_client.hpp"
#include "daemon/runtime/worker_pool.hpp"
#include "daemon/scheduler/clock.hpp"
#include "daemon/scheduler/host_limiter.hpp"
#include "feeds/dedup/story_match.hpp"
#include "feeds/html/site_rules_set.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feedd {

struct PollContext {
  HttpClient& http;
  HostLimiter& limiter;      ///< per-host and total caps, shared by feeds and articles
  WorkerPool& cpu;           ///< parsing and extraction run here, off the event loop
  StorageOwner& storage;
  const Clock& clock;
  const FeedDirectory& feeds;
  const feeds::SiteRuleSet* site_rules = nullptr;  ///< [fulltext] site_rules, when configured
  std::function<double()> jitter;                  ///< draws in [0, 1) for poll jitter
  bool full_text = true;                           ///< false: --no-full-text / [fulltext] off
  PollEvents* events = nullptr;                    ///< told of fetches and changes; may be null
  std::size_t first_fetch_item_limit = 50;
  feeds::ParseLimits parse_limits = {};
  /// The Store's story policy ([dedup], fixed until a restart): item digests are computed with
  /// it on the worker pool.
  feeds::StoryPolicy story_policy = {};
  /// Fetched documents being parsed or waiting for the storage thread after giving their host
  /// slot back (one key, as many slots as documents); none: a document keeps its host slot
  /// until stored.
  HostLimiter* store_backlog = nullptr;
};

/// How many documents store_backlog holds: 8 per host slot (16 by default), so a worker pool
/// busy parsing does not stop fetching, and memory stays bounded.
inline int document_backlog(int per_host) { return 8 * per_host; }

}  // namespace feedd
