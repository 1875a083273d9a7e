#pragma once
/// Caching and back-off hints in response headers (Cache-Control, Expires, Retry-After). Pure.

#include <chrono>
#include <optional>
#include <string_view>

namespace feedd {

/// Longest delay we represent; larger numbers are saturated here so arithmetic on them cannot
/// overflow. Policy (clamping to 1 min .. 24 h, security.md §2 row 21) is the scheduler's.
inline constexpr std::chrono::seconds max_header_delay = std::chrono::hours(24 * 365 * 10);

/// `max-age=N` from a Cache-Control value; nullopt when absent or malformed. `no-cache`/
/// `no-store` give 0.
std::optional<std::chrono::seconds> parse_cache_max_age(std::string_view cache_control);

/// An HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, RFC 850, asctime) as a time point.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view value);

/// Retry-After as a delay from `now`: delta-seconds or an HTTP-date (a past date gives 0).
/// Garbage gives nullopt; huge values saturate at max_header_delay.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::sys_seconds now);

}  // namespace feedd
