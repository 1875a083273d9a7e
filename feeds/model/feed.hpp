#pragma once
/// The one model every parser adapter fills: Feed, Item, Person, Attachment.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace feeds {

/// A point in time with second precision, UTC. Dates are parsed once, at the adapter edge.
using TimePoint = std::chrono::sys_seconds;

struct Person {
  std::optional<std::string> name;
  std::optional<std::string> url;
  std::optional<std::string> email;
  bool operator==(const Person&) const = default;
};

/// An enclosure (RSS), enc:enclosure (RDF), link rel=enclosure (Atom), attachment (JSON Feed).
struct Attachment {
  std::string url;
  std::optional<std::string> mime_type;
  std::optional<std::int64_t> size_in_bytes;
  bool operator==(const Attachment&) const = default;
};

struct Item {
  std::optional<std::string> id;
  std::optional<std::string> url;
  std::optional<std::string> title;
  std::optional<std::string> content_html;  ///< sanitized, absolute URLs
  std::optional<std::string> content_text;
  std::optional<std::string> summary;       ///< plain text
  std::optional<TimePoint> date_published;
  std::optional<TimePoint> date_modified;
  std::vector<Person> authors;
  std::vector<std::string> tags;
  std::vector<Attachment> attachments;
  std::optional<std::string> orig_link;     ///< feedburner:origLink, the publisher's own URL
  std::optional<std::string> comments_url;
  /// The summary is exactly html_to_text(*content_html), as when an RSS item has only a
  /// description: a store may keep the HTML alone and derive the summary when it reads.
  bool summary_is_content_text = false;
};

enum class SourceFormat { rss20, rss09x, rdf, atom10, atom03, jsonfeed, cdf, unknown };

/// The `_source_format` name of parse-output.md §2.
const char* to_string(SourceFormat format) noexcept;

/// What a feed says about how often to poll it (for the scheduler).
struct PollingHints {
  std::optional<int> ttl_minutes;       ///< RSS <ttl>
  std::vector<int> skip_hours;          ///< RSS <skipHours>, 0-23 (UTC)
  std::vector<int> skip_days;           ///< RSS <skipDays>, 0 = Sunday .. 6 = Saturday
  std::optional<std::string> update_period;  ///< sy:updatePeriod (hourly, daily, ...)
  std::optional<int> update_frequency;       ///< sy:updateFrequency
};

struct Feed {
  SourceFormat format = SourceFormat::unknown;
  bool bozo = false;                    ///< recovered from malformed input or a wrong declared encoding
  std::vector<std::string> warnings;    ///< why it is bozo, and item-level trouble
  std::string encoding;                 ///< lower-case IANA name used to decode
  std::optional<std::string> title;
  std::optional<std::string> home_page_url;
  std::optional<std::string> feed_url;
  std::optional<std::string> description;
  std::optional<std::string> language;
  std::optional<std::string> icon;
  std::vector<Person> authors;
  std::vector<Item> items;
  std::optional<std::string> websub_hub;  ///< <link rel="hub">
  PollingHints hints;
};

}  // namespace feeds
