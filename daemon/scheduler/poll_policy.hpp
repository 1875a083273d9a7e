#pragma once
/// When to poll a feed next: a pure function of what we know about the feed, how the last fetch
/// ended, the configured policy and the current time. No clock reads, no randomness: the caller
/// supplies `now` and a jitter draw, so every rule is table-testable.
///
/// The rules, in the order next_poll applies them:
///  1. gone (410)        → no next poll; the caller disables the feed and shows why.
///  2. rate_limited      → now + clamp(Retry-After, 1 min, 24 h) exactly (no jitter, no skip
///                         hints: the server named the time). Absent Retry-After (the HTTP layer
///                         could not parse it) or a negative one → rule 3.
///  3. error             → backoff: base · 2^(n−1), n = max(1, consecutive_errors), capped at
///                         max_backoff, where base = interval clamped to [min, max]. Scoped to the
///                         feed; never "stop polling".
///  4. ok / not_modified → cadence: half the average item interval when known (and adaptation is
///                         on), else the interval; clamped to [min, max]. Never earlier than the
///                         latest of the cache hints (Cache-Control max-age, Expires, RSS ttl,
///                         sy:updatePeriod/updateFrequency), each hint clamped to max_interval so
///                         a silly hint cannot stop polling.
///  5. jitter            → the delay of rules 3-4 grows by delay · jitter_fraction · jitter_unit;
///                         jitter only delays, so hints are never undercut.
///  6. skipHours/skipDays (UTC; days 0 = Sunday) → a time in a skipped hour or day moves to the
///                         start of the next allowed hour (plus a jitter share of that hour).
///                         All 24 hours (or all 7 days) skipped means the hint is ignored.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace feedd {

using sys_seconds = std::chrono::sys_seconds;

/// The configured cadence of one feed (from [poll] and the feed's own `interval`).
struct PollPolicy {
  std::chrono::seconds interval = std::chrono::minutes(30);
  std::chrono::seconds min_interval = std::chrono::minutes(5);
  std::chrono::seconds max_interval = std::chrono::hours(24);
  std::chrono::seconds max_backoff = std::chrono::hours(24);
  double jitter_fraction = 0.1;       ///< jitter adds up to this share of the delay
  bool adapt_to_posting_rate = true;  ///< false when the feed's config fixes its interval
};

/// What storage knows about a feed's history and what the last response hinted.
struct FeedPollStats {
  std::optional<sys_seconds> last_success;
  int consecutive_errors = 0;  ///< failed fetches in a row, including the one being scheduled
  std::optional<std::chrono::seconds> average_item_interval;  ///< posting rate
  std::optional<std::chrono::seconds> http_max_age;           ///< Cache-Control max-age
  std::optional<sys_seconds> http_expires;                    ///< Expires
  std::optional<int> ttl_minutes;                             ///< RSS <ttl>
  std::vector<int> skip_hours;                                ///< RSS <skipHours>, UTC hours 0-23
  std::vector<int> skip_days;                ///< RSS <skipDays>, 0 = Sunday … 6 = Saturday
  std::optional<std::string> update_period;  ///< sy:updatePeriod: hourly, daily, weekly, …
  std::optional<int> update_frequency;       ///< sy:updateFrequency, times per period
};

/// How the fetch that is being scheduled ended.
struct PollOutcome {
  enum class Kind { ok, not_modified, error, rate_limited, gone };
  Kind kind = Kind::ok;
  std::optional<std::chrono::seconds> retry_after;  ///< Retry-After as sent (429/503), unclamped
};

/// The decision and the rule that made it, for logs and the dashboard.
struct PollPlan {
  std::optional<sys_seconds> at;  ///< nullopt: do not poll again (gone)
  std::string reason;             ///< "ttl 60 min", "backoff after 3 errors", "gone (410)"
};

/// Retry-After is honoured within these bounds (security.md §2 row 21).
inline constexpr std::chrono::seconds min_retry_after = std::chrono::minutes(1);
inline constexpr std::chrono::seconds max_retry_after = std::chrono::hours(24);

/// next_poll with the reason. `jitter_unit` is a draw from [0, 1); values outside are clamped.
PollPlan plan_next_poll(const FeedPollStats& stats, const PollOutcome& outcome,
                        const PollPolicy& policy, sys_seconds now, double jitter_unit);

/// The time of the next poll, or nullopt when the feed must not be polled again (410 Gone).
std::optional<sys_seconds> next_poll(const FeedPollStats& stats, const PollOutcome& outcome,
                                     const PollPolicy& policy, sys_seconds now, double jitter_unit);

/// One line for logs and the dashboard: "in 14 min (ttl 60 min)", "not scheduled (gone (410))".
std::string describe_schedule(const PollPlan& plan, sys_seconds now);

/// sy:updatePeriod / sy:updateFrequency as a duration; nullopt for an unknown period.
std::optional<std::chrono::seconds> syndication_interval(const std::string& period,
                                                         std::optional<int> frequency);

}  // namespace feedd
