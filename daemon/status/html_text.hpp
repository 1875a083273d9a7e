#pragma once
/// Turning values from feeds, errors and the clock into HTML text. Every string that came from
/// outside (titles, URLs, error texts) passes through escape_html before it reaches a page.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/storage/records.hpp"

namespace feedd {

/// Escapes & < > " ' so the text is safe in element content and in quoted attributes.
std::string escape_html(std::string_view text);

/// `url` when it may become a link: an http or https URL without spaces or control
/// characters; nullopt for javascript:, data: and anything else. Still escape it.
std::optional<std::string_view> linkable_url(std::string_view url);

/// `<a href="URL">TEXT</a>` when linkable_url accepts `url`, else the escaped text alone.
std::string link_or_text(std::string_view url, std::string_view text);

/// "2024-01-01 12:00:05 UTC".
std::string format_utc(TimePoint time);

/// "3 min ago", "in 2 h", "just now"; "—" when absent.
std::string format_relative(std::optional<TimePoint> time, TimePoint now);

/// "120 ms", "1.5 s"; "—" when absent.
std::string format_duration(std::optional<std::chrono::milliseconds> duration);

/// "3 d 4 h", "12 min", "40 s".
std::string format_span(std::chrono::seconds span);

}  // namespace feedd
