#include "daemon/http/response_headers.hpp"
#include "feeds/ascii.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "feeds/parse/date.hpp"

namespace feedd {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

/// Digits only, saturating at max_header_delay.
std::optional<std::chrono::seconds> parse_delta_seconds(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '"' && text.size() >= 2 && text.back() == '"')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 18) {
    if (!text.empty() && std::all_of(text.begin(), text.end(), ::isdigit)) return max_header_delay;
    return std::nullopt;
  }
  long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return std::min(std::chrono::seconds(value), max_header_delay);
}

}  // namespace

std::optional<std::chrono::seconds> parse_cache_max_age(std::string_view cache_control) {
  std::optional<std::chrono::seconds> max_age;
  while (!cache_control.empty()) {
    const auto comma = cache_control.find(',');
    const auto directive = feeds::ascii_lower(trim(cache_control.substr(0, comma)));
    cache_control = comma == std::string_view::npos ? "" : cache_control.substr(comma + 1);
    if (directive == "no-cache" || directive == "no-store") return std::chrono::seconds(0);
    if (directive.rfind("max-age=", 0) == 0) max_age = parse_delta_seconds(directive.substr(8));
  }
  return max_age;
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view value) {
  value = trim(value);
  // An HTTP-date always names a weekday or month; this keeps bare numbers out of the lenient
  // feed date parser.
  if (value.size() < 20 || !std::isalpha(static_cast<unsigned char>(value.front())))
    return std::nullopt;
  return feeds::parse_date(value);
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::sys_seconds now) {
  if (auto delay = parse_delta_seconds(value)) return delay;
  const auto date = parse_http_date(value);
  if (!date) return std::nullopt;
  if (*date <= now) return std::chrono::seconds(0);
  return std::min(std::chrono::duration_cast<std::chrono::seconds>(*date - now), max_header_delay);
}

}  // namespace feedd
