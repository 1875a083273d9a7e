#pragma once
/// `/metrics` in the Prometheus text exposition format 0.0.4: the Metrics counters plus gauges
/// read from storage at scrape time.

#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/status/metrics.hpp"
#include "daemon/status/status_snapshot.hpp"

namespace feedd {

/// The content type of render_metrics' output.
inline constexpr std::string_view metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

/// The gauges /metrics reads from storage.
struct MetricsGauges {
  FeedStateCounts feeds;  ///< configured feeds by state
  std::int64_t items = 0;
  TimePoint process_start{};
};

/// Reads the gauges; call on the storage thread. Cheap: only the feeds table is read.
MetricsGauges gather_metrics_gauges(Store& store, TimePoint process_start);

/// The exposition: feedd_fetches_total{result,kind}, feedd_fetch_duration_seconds (histogram),
/// feedd_feeds{state}, feedd_items_stored, feedd_full_text_total{outcome},
/// feedd_http_requests_total{code}, process_start_time_seconds.
std::string render_metrics(const Metrics& metrics, const MetricsGauges& gauges);

}  // namespace feedd
