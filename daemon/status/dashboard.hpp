#pragma once
/// The status dashboard (`/`): totals, then the table of feeds.

#include <string>

#include "daemon/status/status_snapshot.hpp"

namespace feedd {

/// The whole dashboard page for `snapshot` (taken at snapshot.taken_at).
std::string render_dashboard(const StatusSnapshot& snapshot);

/// "87.5 %", or "—" before any extraction finished.
std::string format_success_rate(const StatusCounts& counts);

}  // namespace feedd
