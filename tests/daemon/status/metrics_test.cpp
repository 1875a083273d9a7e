#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "daemon/status/metrics_text.hpp"
#include "status_test_support.hpp"

namespace feedd {
namespace {

using namespace std::chrono_literals;

FetchEvent event(FetchLogOutcome outcome, std::chrono::milliseconds duration,
                 std::string kind = "") {
  FetchEvent fetch;
  fetch.feed_id = 1;
  fetch.outcome = outcome;
  fetch.duration = duration;
  fetch.error_kind = std::move(kind);
  return fetch;
}

Metrics busy_metrics() {
  Metrics metrics;
  metrics.fetch_finished(event(FetchLogOutcome::ok, 40ms));
  metrics.fetch_finished(event(FetchLogOutcome::ok, 200ms));
  metrics.fetch_finished(event(FetchLogOutcome::not_modified, 50ms));
  metrics.fetch_finished(event(FetchLogOutcome::error, 30s, "timeout_body"));
  metrics.fetch_finished(event(FetchLogOutcome::error, 90s, "timeout_body"));
  metrics.fetch_finished(event(FetchLogOutcome::error, 700ms, "dns"));
  metrics.full_text_finished(1, FullTextResult::Outcome::done);
  metrics.full_text_finished(1, FullTextResult::Outcome::done);
  metrics.full_text_finished(1, FullTextResult::Outcome::failed);
  metrics.record_http_request(200);
  metrics.record_http_request(200);
  metrics.record_http_request(404);
  return metrics;
}

std::string exposition() {
  MetricsGauges gauges;
  gauges.feeds = {3, 1, 2};
  gauges.items = 1234;
  gauges.process_start = TimePoint{std::chrono::seconds{1710000000}};
  return render_metrics(busy_metrics(), gauges);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// name{labels} value, per the 0.0.4 text format.
std::map<std::string, std::string> samples_of(const std::string& text) {
  static const std::regex sample(R"re(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+))re");
  std::map<std::string, std::string> samples;
  for (const auto& line : lines_of(text)) {
    if (line.starts_with("#")) continue;
    std::smatch match;
    EXPECT_TRUE(std::regex_match(line, match, sample)) << "not a sample line: " << line;
    samples[match[1].str() + match[2].str()] = match[3].str();
  }
  return samples;
}

TEST(MetricsText, EveryLineIsHelpTypeOrASampleOfADeclaredFamily) {
  const auto text = exposition();
  ASSERT_TRUE(text.ends_with("\n"));
  std::set<std::string> typed;
  std::string last_help;
  for (const auto& line : lines_of(text)) {
    if (line.starts_with("# HELP ")) {
      last_help = line.substr(7, line.find(' ', 7) - 7);
      continue;
    }
    if (line.starts_with("# TYPE ")) {
      std::istringstream fields(line.substr(7));
      std::string name, type;
      fields >> name >> type;
      EXPECT_EQ(name, last_help) << "HELP precedes TYPE";
      EXPECT_TRUE(type == "counter" || type == "gauge" || type == "histogram") << line;
      EXPECT_TRUE(typed.insert(name).second) << "declared twice: " << name;
      continue;
    }
    const auto name = line.substr(0, line.find_first_of("{ "));
    const bool declared = typed.count(name) ||
                          (name.ends_with("_bucket") && typed.count(name.substr(0, name.size() - 7))) ||
                          (name.ends_with("_sum") && typed.count(name.substr(0, name.size() - 4))) ||
                          (name.ends_with("_count") && typed.count(name.substr(0, name.size() - 6)));
    EXPECT_TRUE(declared) << "sample before its TYPE: " << line;
  }
  for (const char* family : {"feedd_fetches_total", "feedd_fetch_duration_seconds", "feedd_feeds",
                             "feedd_items_stored", "feedd_full_text_total",
                             "feedd_http_requests_total", "process_start_time_seconds"}) {
    EXPECT_TRUE(typed.count(family)) << family;
  }
}

TEST(MetricsText, CountsFetchesByResultAndKind) {
  const auto samples = samples_of(exposition());
  EXPECT_EQ(samples.at("feedd_fetches_total{result=\"ok\",kind=\"none\"}"), "2");
  EXPECT_EQ(samples.at("feedd_fetches_total{result=\"not_modified\",kind=\"none\"}"), "1");
  EXPECT_EQ(samples.at("feedd_fetches_total{result=\"error\",kind=\"timeout_body\"}"), "2");
  EXPECT_EQ(samples.at("feedd_fetches_total{result=\"error\",kind=\"dns\"}"), "1");
}

TEST(MetricsText, HistogramBucketsAreCumulativeAndInfEqualsCount) {
  const auto text = exposition();
  std::vector<std::pair<double, std::uint64_t>> buckets;
  std::uint64_t infinite = 0;
  static const std::regex bucket(R"re(feedd_fetch_duration_seconds_bucket\{le="([^"]+)"\} (\d+))re");
  for (const auto& line : lines_of(text)) {
    std::smatch match;
    if (!std::regex_match(line, match, bucket)) continue;
    if (match[1] == "+Inf") infinite = std::stoull(match[2]);
    else buckets.emplace_back(std::stod(match[1]), std::stoull(match[2]));
  }
  ASSERT_EQ(buckets.size(), Metrics::duration_bounds.size());
  for (std::size_t i = 1; i < buckets.size(); ++i) {
    EXPECT_LT(buckets[i - 1].first, buckets[i].first);
    EXPECT_LE(buckets[i - 1].second, buckets[i].second) << "cumulative";
  }
  const auto samples = samples_of(text);
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_bucket{le=\"0.05\"}"), "2");
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_bucket{le=\"0.25\"}"), "3");
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_bucket{le=\"1\"}"), "4");
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_bucket{le=\"30\"}"), "5");
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_bucket{le=\"60\"}"), "5");
  EXPECT_EQ(infinite, 6u);
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_count"), "6");
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_sum"), "120.990");
}

TEST(MetricsText, GaugesAndOtherCounters) {
  const auto samples = samples_of(exposition());
  EXPECT_EQ(samples.at("feedd_feeds{state=\"active\"}"), "3");
  EXPECT_EQ(samples.at("feedd_feeds{state=\"failing\"}"), "1");
  EXPECT_EQ(samples.at("feedd_feeds{state=\"disabled\"}"), "2");
  EXPECT_EQ(samples.at("feedd_items_stored"), "1234");
  EXPECT_EQ(samples.at("feedd_full_text_total{outcome=\"done\"}"), "2");
  EXPECT_EQ(samples.at("feedd_full_text_total{outcome=\"failed\"}"), "1");
  EXPECT_EQ(samples.at("feedd_full_text_total{outcome=\"skipped\"}"), "0");
  EXPECT_EQ(samples.at("feedd_http_requests_total{code=\"200\"}"), "2");
  EXPECT_EQ(samples.at("feedd_http_requests_total{code=\"404\"}"), "1");
  EXPECT_EQ(samples.at("process_start_time_seconds"), "1710000000");
}

TEST(MetricsText, LabelValuesAreEscaped) {
  Metrics metrics;
  metrics.fetch_finished(event(FetchLogOutcome::error, 1ms, "we\"ird\\kind\nx"));
  const auto text = render_metrics(metrics, {});
  EXPECT_NE(text.find("kind=\"we\\\"ird\\\\kind\\nx\"} 1\n"), std::string::npos) << text;
}

TEST(MetricsText, FreshMetricsHaveAnEmptyHistogram) {
  const auto samples = samples_of(render_metrics(Metrics{}, {}));
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_bucket{le=\"+Inf\"}"), "0");
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_count"), "0");
  EXPECT_EQ(samples.at("feedd_fetch_duration_seconds_sum"), "0.000");
}

}  // namespace
}  // namespace feedd
