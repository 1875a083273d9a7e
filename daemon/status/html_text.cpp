#include "daemon/status/html_text.hpp"

#include <cstdio>

#include "feeds/ascii.hpp"

namespace feedd {

using namespace std::literals;

std::string escape_html(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

std::optional<std::string_view> linkable_url(std::string_view url) {
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
  }
  const auto colon = url.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto scheme = feeds::ascii_lower(url.substr(0, colon));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  if (url.substr(colon + 1, 2) != "//") return std::nullopt;
  return url;
}

std::string link_or_text(std::string_view url, std::string_view text) {
  if (auto href = linkable_url(url)) {
    return "<a href=\""s + escape_html(*href) + "\" rel=\"noreferrer\">" + escape_html(text) +
           "</a>";
  }
  return escape_html(text);
}

std::string format_utc(TimePoint time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{time - day};
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d UTC", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                int(clock.minutes().count()), int(clock.seconds().count()));
  return text;
}

std::string format_span(std::chrono::seconds span) {
  using namespace std::chrono;
  const auto total = span.count() < 0 ? -span.count() : span.count();
  if (total < 60) return std::to_string(total) + " s";
  if (total < 3600) return std::to_string(total / 60) + " min";
  if (total < 86400) {
    return std::to_string(total / 3600) + " h " + std::to_string(total % 3600 / 60) + " min";
  }
  return std::to_string(total / 86400) + " d " + std::to_string(total % 86400 / 3600) + " h";
}

std::string format_relative(std::optional<TimePoint> time, TimePoint now) {
  if (!time) return "—";
  const auto delta = now - *time;
  if (delta.count() >= 0 && delta.count() < 5) return "just now";
  if (delta.count() < 0) return "in " + format_span(-delta);
  return format_span(delta) + " ago";
}

std::string format_duration(std::optional<std::chrono::milliseconds> duration) {
  if (!duration) return "—";
  const auto ms = duration->count();
  if (ms < 1000) return std::to_string(ms) + " ms";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
  return text;
}

}  // namespace feedd
