#pragma once
/// Inline SVG charts for the status pages: no script, no external resource, colours from the
/// page's CSS classes so both themes apply.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/status/status_snapshot.hpp"

namespace feedd {

/// Size of the sparkline's drawing, in SVG user units.
inline constexpr int sparkline_width = 116;  // 29 steps of 4 between 30 days
inline constexpr int sparkline_height = 24;

/// The polyline's points for `counts` (oldest first): x steps evenly from 0 to
/// sparkline_width, y is sparkline_height - 1 for 0 and 1 for the largest count.
std::string sparkline_points(const std::array<std::int64_t, sparkline_days>& counts);

/// A small `<svg>` sparkline of items per day, with the total as its accessible title.
std::string render_sparkline(const std::array<std::int64_t, sparkline_days>& counts);

/// A bar chart of fetch durations, oldest left; failed fetches drawn in the error colour.
/// `fetches` come newest first, as Store::recent_fetches returns them.
std::string render_latency_chart(const std::vector<FetchRecord>& fetches);

}  // namespace feedd
