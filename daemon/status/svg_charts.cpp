#include "daemon/status/svg_charts.hpp"

#include <algorithm>
#include <cstdio>

#include "daemon/status/html_text.hpp"

namespace feedd {
namespace {

using namespace std::literals;

constexpr int latency_width = 600;
constexpr int latency_height = 120;
constexpr int latency_top = 14;  // room for the maximum's label

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  std::string result = text;
  if (result.size() > 2 && result.ends_with(".0")) result.resize(result.size() - 2);
  return result;
}

std::string latency_bar(const FetchRecord& fetch, double x, double width, double max_ms) {
  const double ms = static_cast<double>(fetch.duration.count());
  const double height = max_ms > 0 ? ms / max_ms * (latency_height - latency_top) : 0;
  const char* css_class = fetch.outcome == FetchLogOutcome::error ? "bad" : "good";
  return "<rect class=\""s + css_class + "\" x=\"" + number(x) + "\" y=\"" +
         number(latency_height - height) + "\" width=\"" + number(width) + "\" height=\"" +
         number(height) + "\"><title>" + escape_html(format_utc(fetch.started_at)) + ": " +
         escape_html(format_duration(fetch.duration)) + "</title></rect>";
}

}  // namespace

std::string sparkline_points(const std::array<std::int64_t, sparkline_days>& counts) {
  const auto max = std::max<std::int64_t>(1, *std::max_element(counts.begin(), counts.end()));
  const double step = static_cast<double>(sparkline_width) / (sparkline_days - 1);
  const double span = sparkline_height - 2;
  std::string points;
  for (std::size_t day = 0; day < counts.size(); ++day) {
    if (!points.empty()) points += ' ';
    const double y = sparkline_height - 1 - static_cast<double>(counts[day]) / max * span;
    points += number(step * static_cast<double>(day)) + "," + number(y);
  }
  return points;
}

std::string render_sparkline(const std::array<std::int64_t, sparkline_days>& counts) {
  std::int64_t total = 0;
  for (auto count : counts) total += count;
  return "<svg class=\"spark\" viewBox=\"0 0 "s + std::to_string(sparkline_width) + " " +
         std::to_string(sparkline_height) + "\" width=\"" + std::to_string(sparkline_width) +
         "\" height=\"" + std::to_string(sparkline_height) + "\" role=\"img\"><title>" +
         std::to_string(total) + " items in 30 days</title><polyline points=\"" +
         sparkline_points(counts) + "\"/></svg>";
}

std::string render_latency_chart(const std::vector<FetchRecord>& fetches) {
  if (fetches.empty()) return "<p class=\"muted\">No fetches logged yet.</p>";
  std::int64_t max_ms = 1;
  for (const auto& fetch : fetches) max_ms = std::max<std::int64_t>(max_ms, fetch.duration.count());
  const double width = static_cast<double>(latency_width) / static_cast<double>(fetches.size());
  std::string svg = "<svg class=\"latency\" viewBox=\"0 0 "s + std::to_string(latency_width) +
                    " " + std::to_string(latency_height) +
                    "\" preserveAspectRatio=\"none\" role=\"img\"><title>Fetch durations, "
                    "oldest left</title>";
  svg += "<text x=\"2\" y=\"11\">max " +
         escape_html(format_duration(std::chrono::milliseconds(max_ms))) + "</text>";
  double x = 0;
  for (auto fetch = fetches.rbegin(); fetch != fetches.rend(); ++fetch, x += width) {
    svg += latency_bar(*fetch, x, width * 0.85, static_cast<double>(max_ms));
  }
  return svg + "</svg>";
}

}  // namespace feedd
