#pragma once
/// The three formats a merged feed is published in, and what tells them apart on the wire.

#include <optional>
#include <string>
#include <string_view>

#include "feeds/write/merged_feed.hpp"

namespace feedd {

enum class OutputFormat { atom, rss, json };

/// "atom", "rss" or "json": the file extension in the URL and the `--format` value.
std::string_view to_string(OutputFormat format) noexcept;

/// The format named "atom", "rss" or "json"; nullopt for anything else.
std::optional<OutputFormat> output_format_from_string(std::string_view name) noexcept;

/// The Content-Type served: application/atom+xml, application/rss+xml or
/// application/feed+json, each with "; charset=utf-8".
std::string_view content_type_of(OutputFormat format) noexcept;

/// The document in that format (feeds/write).
std::string write_merged_feed(const feeds::MergedFeed& feed, OutputFormat format);

}  // namespace feedd
