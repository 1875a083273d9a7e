#pragma once
/// One merged feed rendered straight from a Store, on the calling thread: `feedd render`.
/// (The daemon renders through Publisher, off the event loop.)

#include <string>
#include <string_view>

#include "daemon/config/config.hpp"
#include "daemon/publish/output_format.hpp"
#include "daemon/publish/output_selector.hpp"
#include "daemon/storage/store.hpp"
#include "feeds/write/merged_feed.hpp"

namespace feedd {

/// One page of the collector's read with the stories of its items (Store::story_sources).
struct StoryPage {
  std::vector<ItemRecord> items;
  std::vector<StorySources> stories;
};

/// The collector's next page read with its items' stories.
StoryPage read_story_page(Store& store, const ItemCollector& collector);

/// Builds each story's entry from its primary item when that item's feed is among `feed_ids`
/// (the output's feeds), so the entry id stays the one readers saw first when later sources
/// join; else the story keeps its newest selected item (a tag-filtered output still shows a
/// story one of whose items it selects). Also used when the primary does not pass the
/// output's include/exclude: the story was selected through another of its items.
void use_primary_items(Store& store, std::vector<SelectedStory>& stories,
                       const std::vector<FeedId>& feed_ids);

/// The output's stories, read a page at a time until the selector's limit is filled, each
/// built from its primary item where use_primary_items allows.
std::vector<SelectedStory> collect_output_stories(Store& store, const OutputSelector& selector,
                                                  const std::vector<FeedRecord>& feeds);

/// The output's items, one per story (the item its entry is built from).
std::vector<ItemRecord> collect_output_items(Store& store, const OutputSelector& selector,
                                             const std::vector<FeedRecord>& feeds);

/// The output as a MergedFeed with self links under `base_url`.
feeds::MergedFeed load_merged_feed(Store& store, const OutputSelector& selector,
                                   OutputFormat format, std::string_view base_url);

/// The output's document in `format`.
std::string render_output(Store& store, const OutputConfig& output, OutputFormat format,
                          std::string_view base_url);

}  // namespace feedd
