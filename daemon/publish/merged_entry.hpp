#pragma once
/// Stored items and feeds as the writers' MergedFeed (feeds/write/merged_feed.hpp). Pure.

#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/config.hpp"
#include "daemon/publish/output_format.hpp"
#include "daemon/publish/output_selector.hpp"
#include "daemon/storage/records.hpp"
#include "feeds/write/merged_feed.hpp"

namespace feedd {

/// The entry's stable id: the guid when it is an absolute URI (globally unique by
/// construction), else the item's URL, else "urn:feedd:item:FEED_ID:KEY" from the item's
/// identity key. A bare guid such as "42" is unique only within its feed, and two feeds'
/// "42" would merge into one entry in a reader.
std::string merged_entry_id(const ItemRecord& item);

/// One story from one feed: original link (feedburner:origLink, else the link), authors,
/// dates (an undated item is dated by when it was first seen, so it sorts as new), title,
/// summary, content (the extracted article when full text is done, else the feed's content;
/// both sanitized with absolute URLs when stored), tags, attachments and one source.
feeds::MergedEntry build_merged_entry(const ItemRecord& item, const FeedRecord& feed);

/// The source naming `feed`: its display title, subscribed URL, site, and the item's link
/// and date in it.
feeds::EntrySource entry_source(const ItemRecord& item, const FeedRecord& feed);

/// The entry of one story: built from `story.item` (see use_primary_items for which item that
/// is), listing every source of the story, primary first. The entry item's own source keeps
/// its original link (entry_source); the others name their feed's subscribed URL and site
/// when `feeds` knows the feed. A story without sources lists the item's feed alone.
feeds::MergedEntry build_story_entry(const SelectedStory& story,
                                     const std::vector<FeedRecord>& feeds);

/// Where an output is served under `base_url` (no trailing slash): "/feed.EXT" for "all",
/// "/outputs/NAME.EXT" for the others (interfaces.md "HTTP").
std::string output_self_url(std::string_view base_url, std::string_view output_name,
                            OutputFormat format);

/// "http://HOST:PORT" of the listen address, the default base URL of the self links.
std::string base_url_of(const ListenAddress& listen);

/// The merged feed of `output`: title, self URL, home (base URL + "/"), id
/// "urn:feedd:output:NAME", generator "feedd VERSION", and one entry per story whose item's
/// feed is in `feeds` (by id; build_story_entry), newest first.
feeds::MergedFeed build_merged_feed(const OutputConfig& output, OutputFormat format,
                                    std::string_view base_url,
                                    const std::vector<SelectedStory>& stories,
                                    const std::vector<FeedRecord>& feeds);

/// The same with every item a story of its own.
feeds::MergedFeed build_merged_feed(const OutputConfig& output, OutputFormat format,
                                    std::string_view base_url, const std::vector<ItemRecord>& items,
                                    const std::vector<FeedRecord>& feeds);

}  // namespace feedd
