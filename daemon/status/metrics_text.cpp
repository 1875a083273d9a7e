#include "daemon/status/metrics_text.hpp"

#include <cstdio>

namespace feedd {
namespace {

using namespace std::literals;

// Label values escape backslash, double quote and line feed (exposition format 0.0.4).
std::string label_value(std::string_view value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\') escaped += "\\\\";
    else if (c == '"') escaped += "\\\"";
    else if (c == '\n') escaped += "\\n";
    else escaped += c;
  }
  return escaped;
}

void header(std::string& out, std::string_view name, std::string_view type,
            std::string_view help) {
  out += "# HELP "s + std::string(name) + " " + std::string(help) + "\n";
  out += "# TYPE "s + std::string(name) + " " + std::string(type) + "\n";
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

void render_fetches(std::string& out, const Metrics& metrics) {
  header(out, "feedd_fetches_total", "counter", "Feed fetches by result and error kind.");
  for (const auto& [key, count] : metrics.fetches()) {
    out += "feedd_fetches_total{result=\"" + label_value(key.first) + "\",kind=\"" +
           label_value(key.second) + "\"} " + std::to_string(count) + "\n";
  }
}

void render_durations(std::string& out, const Metrics& metrics) {
  header(out, "feedd_fetch_duration_seconds", "histogram", "Duration of feed fetches.");
  std::uint64_t cumulative = 0;
  const auto& buckets = metrics.duration_buckets();
  for (std::size_t i = 0; i < Metrics::duration_bounds.size(); ++i) {
    cumulative += buckets[i];
    out += "feedd_fetch_duration_seconds_bucket{le=\"" +
           seconds_text(Metrics::duration_bounds[i]) + "\"} " + std::to_string(cumulative) + "\n";
  }
  out += "feedd_fetch_duration_seconds_bucket{le=\"+Inf\"} " +
         std::to_string(metrics.duration_count()) + "\n";
  char sum[32];
  std::snprintf(sum, sizeof sum, "%.3f",
                static_cast<double>(metrics.duration_sum().count()) / 1000.0);
  out += "feedd_fetch_duration_seconds_sum "s + sum + "\n";
  out += "feedd_fetch_duration_seconds_count " + std::to_string(metrics.duration_count()) + "\n";
}

void render_gauges(std::string& out, const MetricsGauges& gauges) {
  header(out, "feedd_feeds", "gauge", "Configured feeds by state.");
  out += "feedd_feeds{state=\"active\"} " + std::to_string(gauges.feeds.active) + "\n";
  out += "feedd_feeds{state=\"failing\"} " + std::to_string(gauges.feeds.failing) + "\n";
  out += "feedd_feeds{state=\"disabled\"} " + std::to_string(gauges.feeds.disabled) + "\n";
  header(out, "feedd_items_stored", "gauge", "Items in the database.");
  out += "feedd_items_stored " + std::to_string(gauges.items) + "\n";
}

void render_requests(std::string& out, const Metrics& metrics) {
  header(out, "feedd_full_text_total", "counter", "Full-text extractions by outcome.");
  for (const auto& [outcome, count] : metrics.full_text()) {
    out += "feedd_full_text_total{outcome=\"" + label_value(outcome) + "\"} " +
           std::to_string(count) + "\n";
  }
  header(out, "feedd_http_requests_total", "counter", "HTTP requests served by status code.");
  for (const auto& [status, count] : metrics.http_requests()) {
    out += "feedd_http_requests_total{code=\"" + std::to_string(status) + "\"} " +
           std::to_string(count) + "\n";
  }
}

}  // namespace

MetricsGauges gather_metrics_gauges(Store& store, TimePoint process_start) {
  MetricsGauges gauges;
  gauges.process_start = process_start;
  for (const auto& feed : store.list_feeds()) {
    gauges.items += feed.items_count;
    if (!feed.configured) continue;
    if (feed.state == FeedState::active) ++gauges.feeds.active;
    if (feed.state == FeedState::failing) ++gauges.feeds.failing;
    if (feed.state == FeedState::disabled) ++gauges.feeds.disabled;
  }
  return gauges;
}

std::string render_metrics(const Metrics& metrics, const MetricsGauges& gauges) {
  std::string out;
  render_fetches(out, metrics);
  render_durations(out, metrics);
  render_gauges(out, gauges);
  render_requests(out, metrics);
  header(out, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.");
  out += "process_start_time_seconds " +
         std::to_string(gauges.process_start.time_since_epoch().count()) + "\n";
  return out;
}

}  // namespace feedd
