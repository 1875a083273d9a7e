#include "daemon/scheduler/poll_policy.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace feedd {
namespace {

using namespace std::chrono;
using Kind = PollOutcome::Kind;

sys_seconds utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return sys_days(year(y) / mo / d) + hours(h) + minutes(mi) + seconds(s);
}

// 2024-01-01 is a Monday.
const sys_seconds monday_10h = utc(2024, 1, 1, 10);

struct Case {
  const char* name;
  std::function<void(FeedPollStats&, PollOutcome&, PollPolicy&)> setup;
  std::optional<sys_seconds> expected;
  sys_seconds now = monday_10h;
  double jitter = 0.0;
};

void run_cases(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    FeedPollStats stats;
    PollOutcome outcome;
    PollPolicy policy;  // 30 min, [5 min, 24 h], backoff cap 24 h, jitter 10 %
    c.setup(stats, outcome, policy);
    EXPECT_EQ(next_poll(stats, outcome, policy, c.now, c.jitter), c.expected) << c.name;
  }
}

auto ok = [](auto&&...) {};

TEST(NextPoll, AdaptsToPostingRateWithinBounds) {
  run_cases({
      {"no posting rate: the interval", ok, monday_10h + 30min},
      {"one item per 2 h: every hour", [](auto& s, auto&, auto&) { s.average_item_interval = 2h; },
       monday_10h + 1h},
      {"very busy feed: min_interval",
       [](auto& s, auto&, auto&) { s.average_item_interval = 4min; }, monday_10h + 5min},
      {"monthly feed: max_interval",
       [](auto& s, auto&, auto&) { s.average_item_interval = days(30); }, monday_10h + 24h},
      {"zero rate is ignored", [](auto& s, auto&, auto&) { s.average_item_interval = 0s; },
       monday_10h + 30min},
      {"adaptation off: the configured interval",
       [](auto& s, auto&, auto& p) {
         s.average_item_interval = 2h;
         p.adapt_to_posting_rate = false;
       },
       monday_10h + 30min},
      {"interval below min is raised", [](auto&, auto&, auto& p) { p.interval = 1min; },
       monday_10h + 5min},
      {"interval above max is lowered", [](auto&, auto&, auto& p) { p.interval = 48h; },
       monday_10h + 24h},
      {"not_modified schedules like ok", [](auto&, auto& o, auto&) { o.kind = Kind::not_modified; },
       monday_10h + 30min},
  });
}

TEST(NextPoll, NeverEarlierThanCacheHintsEachClampedToMax) {
  run_cases({
      {"max-age 2 h", [](auto& s, auto&, auto&) { s.http_max_age = 2h; }, monday_10h + 2h},
      {"max-age shorter than cadence", [](auto& s, auto&, auto&) { s.http_max_age = 10min; },
       monday_10h + 30min},
      {"max-age of a year is clamped", [](auto& s, auto&, auto&) { s.http_max_age = days(365); },
       monday_10h + 24h},
      {"Expires in 3 h", [](auto& s, auto&, auto&) { s.http_expires = monday_10h + 3h; },
       monday_10h + 3h},
      {"Expires in the past", [](auto& s, auto&, auto&) { s.http_expires = monday_10h - 3h; },
       monday_10h + 30min},
      {"Expires in 2099 is clamped",
       [](auto& s, auto&, auto&) { s.http_expires = utc(2099, 1, 1); }, monday_10h + 24h},
      {"ttl 60", [](auto& s, auto&, auto&) { s.ttl_minutes = 60; }, monday_10h + 60min},
      {"ttl 0 is ignored", [](auto& s, auto&, auto&) { s.ttl_minutes = 0; }, monday_10h + 30min},
      {"negative ttl is ignored", [](auto& s, auto&, auto&) { s.ttl_minutes = -5; },
       monday_10h + 30min},
      {"huge ttl is clamped", [](auto& s, auto&, auto&) { s.ttl_minutes = 100000000; },
       monday_10h + 24h},
      {"sy hourly", [](auto& s, auto&, auto&) { s.update_period = "hourly"; }, monday_10h + 1h},
      {"sy daily twice",
       [](auto& s, auto&, auto&) {
         s.update_period = " Daily\n";
         s.update_frequency = 2;
       },
       monday_10h + 12h},
      {"sy weekly is clamped", [](auto& s, auto&, auto&) { s.update_period = "weekly"; },
       monday_10h + 24h},
      {"sy frequency 0 counts as 1",
       [](auto& s, auto&, auto&) {
         s.update_period = "hourly";
         s.update_frequency = 0;
       },
       monday_10h + 1h},
      {"unknown sy period is ignored",
       [](auto& s, auto&, auto&) { s.update_period = "fortnightly"; }, monday_10h + 30min},
      {"the latest hint wins",
       [](auto& s, auto&, auto&) {
         s.ttl_minutes = 60;
         s.http_max_age = 2h;
         s.update_period = "hourly";
       },
       monday_10h + 2h},
      {"hints override a faster posting rate",
       [](auto& s, auto&, auto&) {
         s.average_item_interval = 10min;
         s.ttl_minutes = 45;
       },
       monday_10h + 45min},
  });
}

TEST(NextPoll, ErrorsBackOffExponentiallyUpToTheCap) {
  const std::vector<std::pair<int, seconds>> sequence = {
      {0, 30min}, {1, 30min}, {2, 1h},  {3, 2h},  {4, 4h},
      {5, 8h},    {6, 16h},   {7, 24h}, {8, 24h}, {1000000, 24h}};
  for (const auto& [errors, delay] : sequence) {
    FeedPollStats stats;
    stats.consecutive_errors = errors;
    stats.ttl_minutes = 600;  // hints from an older response do not shorten or lengthen backoff
    EXPECT_EQ(next_poll(stats, {Kind::error, {}}, PollPolicy{}, monday_10h, 0.0),
              monday_10h + delay)
        << errors << " errors";
  }
  PollPolicy short_cap;
  short_cap.max_backoff = 2h;
  FeedPollStats stats;
  stats.consecutive_errors = 4;
  EXPECT_EQ(next_poll(stats, {Kind::error, {}}, short_cap, monday_10h, 0.0), monday_10h + 2h);
}

TEST(NextPoll, RetryAfterIsClampedAndGarbageBacksOff) {
  auto rate_limited = [](std::optional<seconds> retry_after, int errors = 1) {
    return [=](FeedPollStats& s, PollOutcome& o, PollPolicy&) {
      o = {Kind::rate_limited, retry_after};
      s.consecutive_errors = errors;
    };
  };
  run_cases({
      {"Retry-After 120", rate_limited(120s), monday_10h + 120s},
      {"Retry-After below a minute", rate_limited(10s), monday_10h + 1min},
      {"Retry-After 0", rate_limited(0s), monday_10h + 1min},
      {"Retry-After 99999999", rate_limited(99999999s), monday_10h + 24h},
      {"no usable Retry-After: backoff", rate_limited(std::nullopt, 2), monday_10h + 1h},
      {"negative Retry-After: backoff", rate_limited(-5s, 3), monday_10h + 2h},
      {"Retry-After is exact: no jitter", rate_limited(120s), monday_10h + 120s, monday_10h, 0.99},
      {"Retry-After ignores skipHours",
       [](auto& s, auto& o, auto&) {
         o = {Kind::rate_limited, 120s};
         s.skip_hours = {10};
       },
       monday_10h + 120s},
  });
}

TEST(NextPoll, GoneMeansNoNextPoll) {
  FeedPollStats stats;
  EXPECT_EQ(next_poll(stats, {Kind::gone, {}}, PollPolicy{}, monday_10h, 0.5), std::nullopt);
  EXPECT_EQ(plan_next_poll(stats, {Kind::gone, {}}, PollPolicy{}, monday_10h, 0.5).reason,
            "gone (410)");
}

TEST(NextPoll, SkipHoursAndDaysMoveToTheNextAllowedHour) {
  auto skip = [](std::vector<int> hours, std::vector<int> days) {
    return [=](FeedPollStats& s, PollOutcome&, PollPolicy&) {
      s.skip_hours = hours;
      s.skip_days = days;
    };
  };
  const auto monday_23h = utc(2024, 1, 1, 23);
  const auto friday_2340 = utc(2024, 1, 5, 23, 40);
  run_cases({
      {"allowed hour: unchanged", skip({9, 11}, {}), monday_10h + 30min},
      {"skipped hour", skip({10}, {}), utc(2024, 1, 1, 11)},
      {"run of skipped hours", skip({10, 11, 12}, {}), utc(2024, 1, 1, 13)},
      {"wraps around midnight", skip({23, 0, 1}, {}), utc(2024, 1, 2, 2), monday_23h},
      {"skipped day", skip({}, {1}), utc(2024, 1, 2, 0)},
      {"weekend from Friday night", skip({}, {6, 0}), utc(2024, 1, 8, 0), friday_2340},
      {"days and hours together", skip({0, 1, 2, 3, 4, 5}, {2}), utc(2024, 1, 3, 6),
       utc(2024, 1, 1, 23, 50)},
      {"all hours skipped: ignored",
       skip({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23},
            {}),
       monday_10h + 30min},
      {"all days skipped: ignored", skip({}, {0, 1, 2, 3, 4, 5, 6}), monday_10h + 30min},
      {"out-of-range values ignored", skip({24, -1}, {7, -1}), monday_10h + 30min},
      {"jitter spreads within the allowed hour", skip({10}, {}), utc(2024, 1, 1, 11, 3), monday_10h,
       0.5},
      {"backoff honours skipHours too",
       [](auto& s, auto& o, auto&) {
         o.kind = Kind::error;
         s.consecutive_errors = 1;
         s.skip_hours = {10};
       },
       utc(2024, 1, 1, 11)},
  });
}

TEST(NextPoll, JitterOnlyDelaysAndStaysWithinItsFraction) {
  run_cases({
      {"half jitter on 30 min", ok, monday_10h + 30min + 90s, monday_10h, 0.5},
      {"jitter above 1 is clamped", ok, monday_10h + 33min, monday_10h, 7.0},
      {"negative jitter is clamped", ok, monday_10h + 30min, monday_10h, -1.0},
      {"jitter on backoff",
       [](auto& s, auto& o, auto&) {
         o.kind = Kind::error;
         s.consecutive_errors = 3;
       },
       monday_10h + 2h + 6min, monday_10h, 0.5},
  });
  for (double unit = 0.0; unit < 1.0; unit += 0.037) {
    for (auto ttl : {0, 45, 600}) {
      FeedPollStats stats;
      stats.ttl_minutes = ttl;
      PollPolicy policy;
      const auto base = *next_poll(stats, {}, policy, monday_10h, 0.0) - monday_10h;
      const auto delay = *next_poll(stats, {}, policy, monday_10h, unit) - monday_10h;
      EXPECT_GE(delay, base) << unit;
      EXPECT_LE(delay.count(), base.count() * 1.1) << unit;
    }
  }
}

TEST(DescribeSchedule, NamesTheDelayAndTheRule) {
  FeedPollStats stats;
  stats.ttl_minutes = 60;
  const auto plan = plan_next_poll(stats, {}, PollPolicy{}, monday_10h, 0.0);
  EXPECT_EQ(describe_schedule(plan, monday_10h), "in 1 h (ttl 1 h)");
  EXPECT_EQ(describe_schedule(plan, monday_10h + 46min), "in 14 min (ttl 1 h)");
  EXPECT_EQ(describe_schedule(plan, monday_10h + 2h), "now (ttl 1 h)");

  FeedPollStats failing;
  failing.consecutive_errors = 2;
  EXPECT_EQ(
      describe_schedule(plan_next_poll(failing, {Kind::error, {}}, PollPolicy{}, monday_10h, 0.0),
                        monday_10h),
      "in 1 h (backoff after 2 errors)");
  EXPECT_EQ(
      describe_schedule(plan_next_poll(failing, {Kind::gone, {}}, PollPolicy{}, monday_10h, 0.0),
                        monday_10h),
      "not scheduled (gone (410))");
  EXPECT_EQ(describe_schedule(
                plan_next_poll(failing, {Kind::rate_limited, 90s}, PollPolicy{}, monday_10h, 0.0),
                monday_10h),
            "in 1 min (Retry-After 1 min)");
}

TEST(SyndicationInterval, KnowsEveryPeriod) {
  EXPECT_EQ(syndication_interval("hourly", 2), 30min);
  EXPECT_EQ(syndication_interval("daily", std::nullopt), 24h);
  EXPECT_EQ(syndication_interval("weekly", 7), 24h);
  EXPECT_EQ(syndication_interval("monthly", 1), days(30));
  EXPECT_EQ(syndication_interval("YEARLY", 365), 24h);
  EXPECT_EQ(syndication_interval("sometimes", 1), std::nullopt);
}

}  // namespace
}  // namespace feedd
