#pragma once
/// `/api/status`: the dashboard's data as JSON. Times are RFC 3339 UTC strings or null,
/// durations integer milliseconds. Fields:
///
///   generated_at, started_at, uptime_seconds
///   totals: feeds, feeds_ok, feeds_failing, feeds_disabled, items,
///           items_new_today (first seen since 00:00 UTC, dated within the week before),
///           full_text { pending, retrying, failed (for good) — over all items;
///                       recent_items, recent_done, recent_failed, recent_skipped — over the
///                       newest items (up to 1000, by date);
///                       success_rate (recent_done / (recent_done + recent_failed), or null) }
///   last_fetch: null | { feed_id, started_at, outcome ("ok"|"not_modified"|"error"),
///                        http_status (null if none), duration_ms }
///   feeds: [ { id, title, url, state ("active"|"failing"|"disabled"), last_success_at,
///              last_fetch_at, next_poll_at, last_error, last_error_kind, disabled_reason,
///              consecutive_errors, http_status, items, median_fetch_ms,
///              items_per_day (30 numbers, oldest first, the last is today UTC) } ]
///              — failing feeds first, as on the dashboard.

#include <string>

#include "daemon/status/status_snapshot.hpp"

namespace feedd {

/// The JSON document described above.
std::string render_status_json(const StatusSnapshot& snapshot);

/// "2024-01-01T12:00:05Z".
std::string format_rfc3339(TimePoint time);

/// "ok", "not_modified" or "error".
const char* fetch_outcome_name(FetchLogOutcome outcome);

}  // namespace feedd
