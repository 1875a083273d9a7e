#pragma once
/// The input of the merged-feed writers (Atom, RSS, JSON Feed): one story per entry, each
/// naming every feed it arrived through (interfaces.md "A story that arrived through several
/// feeds is one entry listing every source"). The daemon's publisher fills it from storage.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "feeds/model/feed.hpp"

namespace feeds {

/// One feed a merged entry arrived through, with that feed's own link and date for the story.
struct EntrySource {
  std::string feed_title;
  std::string feed_url;                      ///< the subscription URL (the feed document)
  std::optional<std::string> feed_home_url;  ///< the site the feed belongs to
  std::optional<std::string> url;            ///< the story's link in this feed
  std::optional<TimePoint> date_published;   ///< the story's date in this feed
};

/// One story of a merged feed.
struct MergedEntry {
  std::string id;  ///< stable: the entry's own id (guid, Atom id, ...)
  std::optional<std::string> url;
  std::optional<std::string> title;    ///< plain text
  std::optional<std::string> summary;  ///< plain text
  std::string content_html;            ///< sanitized: full text when extracted, else feed content
  std::vector<Person> authors;
  std::optional<TimePoint> published;
  std::optional<TimePoint> updated;
  std::vector<std::string> tags;
  std::vector<Attachment> attachments;
  std::vector<EntrySource> sources;  ///< first = primary; at least one
  bool full_text = false;            ///< content_html is extracted full text
};

/// A merged feed ready to write. Writers keep the entry order they are given.
struct MergedFeed {
  std::string title;
  std::string self_url;  ///< where this document is served
  std::string home_url;  ///< the dashboard / site
  std::string id;        ///< stable feed id (Atom <id>)
  std::optional<TimePoint> updated;
  std::string generator;             ///< "feedd VERSION"
  std::vector<MergedEntry> entries;  ///< newest first (the caller sorts and applies the limit)
};

/// The date an entry is ordered by: published, else updated.
std::optional<TimePoint> entry_order_date(const MergedEntry& entry);

/// The feed's last change: MergedFeed::updated, else the newest entry date (updated, else
/// published); nullopt for an empty, undated feed.
std::optional<TimePoint> latest_update(const MergedFeed& feed);

/// Orders entries newest first by entry_order_date (undated last, ties by id, so the order is
/// stable across renders) and keeps the first `limit`: an output's `limit` of interfaces.md.
void order_newest_first(std::vector<MergedEntry>& entries, std::size_t limit);

}  // namespace feeds
