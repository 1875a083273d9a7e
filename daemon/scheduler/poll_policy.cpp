#include "daemon/scheduler/poll_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace feedd {

using namespace std::string_literals;

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

/// A delay and the rule that chose it.
struct Delay {
  seconds value{0};
  std::string reason;
};

std::string format_span(seconds span) {
  const auto s = span.count();
  std::string text;
  if (s < 60) {
    text.append(std::to_string(s)).append(" s");
  } else if (s < 3600) {
    text.append(std::to_string(s / 60)).append(" min");
  } else if (s < 2 * 86400) {
    text.append(std::to_string(s / 3600)).append(" h");
    if (const auto rest = (s % 3600) / 60)
      text.append(" ").append(std::to_string(rest)).append(" min");
  } else {
    text.append(std::to_string(s / 86400)).append(" d");
  }
  return text;
}

seconds clamp_interval(seconds value, const PollPolicy& policy) {
  const auto low = std::min(policy.min_interval, policy.max_interval);
  return std::clamp(value, low, policy.max_interval);
}

Delay cadence(const FeedPollStats& stats, const PollPolicy& policy) {
  if (policy.adapt_to_posting_rate && stats.average_item_interval &&
      stats.average_item_interval->count() > 0) {
    const auto adapted = clamp_interval(*stats.average_item_interval / 2, policy);
    return {adapted, "posting rate, one item per "s + format_span(*stats.average_item_interval)};
  }
  return {clamp_interval(policy.interval, policy), "interval"};
}

/// Each hint as a delay from now, clamped to [0, max_interval]; the latest one wins.
Delay latest_cache_hint(const FeedPollStats& stats, const PollPolicy& policy, sys_seconds now) {
  Delay best{seconds(0), ""};
  const auto consider = [&](seconds hint, const std::string& name) {
    hint = std::clamp(hint, seconds(0), policy.max_interval);
    if (hint > best.value) best = {hint, name + " " + format_span(hint)};
  };
  if (stats.http_max_age) consider(*stats.http_max_age, "max-age");
  if (stats.http_expires) consider(*stats.http_expires - now, "Expires in");
  if (stats.ttl_minutes && *stats.ttl_minutes > 0) consider(minutes(*stats.ttl_minutes), "ttl");
  if (stats.update_period) {
    if (auto sy = syndication_interval(*stats.update_period, stats.update_frequency)) {
      consider(*sy, "sy:updatePeriod");
    }
  }
  return best;
}

Delay backoff(const FeedPollStats& stats, const PollPolicy& policy) {
  const int errors = std::max(1, stats.consecutive_errors);
  const auto base = clamp_interval(policy.interval, policy);
  const auto cap = std::max(policy.max_backoff, seconds(1));
  seconds delay = base;
  // Doubling stops at the cap, so a feed failing for years cannot overflow the shift.
  for (int i = 1; i < errors && delay < cap; ++i) delay *= 2;
  const auto noun = errors == 1 ? " error" : " errors";
  return {std::min(delay, cap), "backoff after "s + std::to_string(errors) + noun};
}

seconds jitter(seconds delay, const PollPolicy& policy, double unit) {
  const double fraction = std::clamp(policy.jitter_fraction, 0.0, 1.0);
  return seconds(static_cast<seconds::rep>(static_cast<double>(delay.count()) * fraction * unit));
}

std::array<bool, 24> allowed_hours(const std::vector<int>& skip) {
  std::array<bool, 24> allowed;
  allowed.fill(true);
  for (int hour : skip) {
    if (hour >= 0 && hour < 24) allowed[static_cast<std::size_t>(hour)] = false;
  }
  if (std::none_of(allowed.begin(), allowed.end(), [](bool b) { return b; })) allowed.fill(true);
  return allowed;
}

std::array<bool, 7> allowed_days(const std::vector<int>& skip) {
  std::array<bool, 7> allowed;
  allowed.fill(true);
  for (int day : skip) {
    if (day >= 0 && day < 7) allowed[static_cast<std::size_t>(day)] = false;
  }
  if (std::none_of(allowed.begin(), allowed.end(), [](bool b) { return b; })) allowed.fill(true);
  return allowed;
}

bool is_allowed(sys_seconds t, const std::array<bool, 24>& hours_ok,
                const std::array<bool, 7>& days_ok) {
  const auto day = std::chrono::floor<days>(t);
  const auto hour = std::chrono::duration_cast<hours>(t - day).count();
  const auto weekday = std::chrono::weekday(day).c_encoding();
  return hours_ok[static_cast<std::size_t>(hour)] && days_ok[weekday];
}

/// Moves `t` out of skipped hours and days, to the start of the next allowed hour plus a jitter
/// share of that hour (so feeds with the same skip list do not all fire on the hour).
std::optional<sys_seconds> apply_skip_hints(sys_seconds t, const FeedPollStats& stats,
                                            const PollPolicy& policy, double unit) {
  const auto hours_ok = allowed_hours(stats.skip_hours);
  const auto days_ok = allowed_days(stats.skip_days);
  if (is_allowed(t, hours_ok, days_ok)) return std::nullopt;
  auto candidate = std::chrono::floor<hours>(t);
  // A week of hours always reaches an allowed slot: neither list can skip everything.
  for (int step = 0; step <= 7 * 24; ++step) {
    candidate += hours(1);
    if (is_allowed(candidate, hours_ok, days_ok)) {
      return candidate + jitter(hours(1), policy, unit);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<seconds> syndication_interval(const std::string& period,
                                            std::optional<int> frequency) {
  static const std::array<std::pair<const char*, seconds>, 5> periods{{
      {"hourly", hours(1)},
      {"daily", days(1)},
      {"weekly", days(7)},
      {"monthly", days(30)},
      {"yearly", days(365)},
  }};
  std::string lower;
  for (char c : period) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      lower += static_cast<char>(std::tolower(c));
  }
  const int times = frequency && *frequency > 0 ? *frequency : 1;
  for (const auto& [name, length] : periods) {
    if (lower == name) return length / times;
  }
  return std::nullopt;
}

PollPlan plan_next_poll(const FeedPollStats& stats, const PollOutcome& outcome,
                        const PollPolicy& policy, sys_seconds now, double jitter_unit) {
  using Kind = PollOutcome::Kind;
  const double unit = std::clamp(jitter_unit, 0.0, 1.0);
  if (outcome.kind == Kind::gone) return {std::nullopt, "gone (410)"};
  if (outcome.kind == Kind::rate_limited && outcome.retry_after &&
      outcome.retry_after->count() >= 0) {
    const auto wait = std::clamp(*outcome.retry_after, min_retry_after, max_retry_after);
    return {now + wait, "Retry-After "s + format_span(wait)};
  }
  Delay delay;
  if (outcome.kind == Kind::error || outcome.kind == Kind::rate_limited) {
    delay = backoff(stats, policy);
  } else {
    delay = cadence(stats, policy);
    auto hint = latest_cache_hint(stats, policy, now);
    if (hint.value > delay.value) delay = std::move(hint);
  }
  sys_seconds at = now + delay.value + jitter(delay.value, policy, unit);
  if (auto moved = apply_skip_hints(at, stats, policy, unit)) {
    at = *moved;
    delay.reason += ", skipHours/skipDays";
  }
  return {at, std::move(delay.reason)};
}

std::optional<sys_seconds> next_poll(const FeedPollStats& stats, const PollOutcome& outcome,
                                     const PollPolicy& policy, sys_seconds now,
                                     double jitter_unit) {
  return plan_next_poll(stats, outcome, policy, now, jitter_unit).at;
}

std::string describe_schedule(const PollPlan& plan, sys_seconds now) {
  if (!plan.at) return "not scheduled ("s + plan.reason + ")";
  const auto wait = *plan.at - now;
  const auto when = wait.count() <= 0 ? "now"s : "in "s + format_span(wait);
  return plan.reason.empty() ? when : when + " (" + plan.reason + ")";
}

}  // namespace feedd
