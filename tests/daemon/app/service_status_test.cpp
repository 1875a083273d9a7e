// The STATUS= line systemctl shows for feedd.service.
#include <gtest/gtest.h>

#include "daemon/app/service_reporter.hpp"

namespace feedd {
namespace {

using namespace std::chrono_literals;

const TimePoint now = std::chrono::sys_days(std::chrono::year(2026) / 1 / 1) + 12h;

FeedRecord feed(FeedState state, std::optional<TimePoint> next_poll, bool configured = true) {
  FeedRecord record;
  record.state = state;
  record.next_poll_at = next_poll;
  record.configured = configured;
  return record;
}

TEST(ServiceStatus, CountsPolledAndFailingFeedsAndTheNextPoll) {
  std::vector<FeedRecord> feeds{feed(FeedState::active, now + 40s), feed(FeedState::failing, now + 5min),
                                feed(FeedState::failing, now + 90s)};
  EXPECT_EQ(describe_service_status(feeds, now), "polling 3 feeds, 2 failing, next in 40 s");
}

TEST(ServiceStatus, LeavesOutUnconfiguredFeedsAndCountsDisabledApart) {
  std::vector<FeedRecord> feeds{feed(FeedState::active, now + 3h), feed(FeedState::disabled, std::nullopt),
                                feed(FeedState::active, now + 1s, false)};
  EXPECT_EQ(describe_service_status(feeds, now), "polling 1 feed, 1 disabled, next in 3 h");
}

TEST(ServiceStatus, AFeedNeverPolledOrOverdueIsDueNow) {
  EXPECT_EQ(describe_service_status({feed(FeedState::active, std::nullopt)}, now), "polling 1 feed, next now");
  EXPECT_EQ(describe_service_status({feed(FeedState::active, now - 10min)}, now), "polling 1 feed, next now");
  EXPECT_EQ(describe_service_status({feed(FeedState::active, now + 25min)}, now), "polling 1 feed, next in 25 min");
}

TEST(ServiceStatus, NoFeeds) { EXPECT_EQ(describe_service_status({}, now), "polling 0 feeds"); }

}  // namespace
}  // namespace feedd
