#include "daemon/publish/render_output.hpp"

#include <algorithm>

#include "daemon/publish/merged_entry.hpp"

namespace feedd {

StoryPage read_story_page(Store& store, const ItemCollector& collector) {
  StoryPage page;
  page.items =
      store.output_items_page(collector.feed_ids(), collector.cursor(), collector.page_size());
  std::vector<ItemId> ids;
  ids.reserve(page.items.size());
  for (const auto& item : page.items) ids.push_back(item.id);
  page.stories = store.story_sources(ids);
  return page;
}

void use_primary_items(Store& store, std::vector<SelectedStory>& stories,
                       const std::vector<FeedId>& feed_ids) {
  for (auto& story : stories) {
    const auto& sources = story.sources.sources;
    const ItemId primary = story.sources.primary_item_id;
    if (sources.empty() || primary == 0 || primary == story.item.id) continue;
    if (std::find(feed_ids.begin(), feed_ids.end(), sources.front().feed_id) == feed_ids.end())
      continue;
    if (auto item = store.item_by_id(primary)) story.item = std::move(*item);
  }
}

std::vector<SelectedStory> collect_output_stories(Store& store, const OutputSelector& selector,
                                                  const std::vector<FeedRecord>& feeds) {
  ItemCollector collector(selector, selector.select_feeds(feeds));
  while (!collector.done()) {
    auto page = read_story_page(store, collector);
    collector.take_page(std::move(page.items), std::move(page.stories));
  }
  auto stories = collector.take_stories();
  use_primary_items(store, stories, collector.feed_ids());
  return stories;
}

std::vector<ItemRecord> collect_output_items(Store& store, const OutputSelector& selector,
                                             const std::vector<FeedRecord>& feeds) {
  std::vector<ItemRecord> items;
  for (auto& story : collect_output_stories(store, selector, feeds))
    items.push_back(std::move(story.item));
  return items;
}

feeds::MergedFeed load_merged_feed(Store& store, const OutputSelector& selector,
                                   OutputFormat format, std::string_view base_url) {
  const auto feeds = store.list_feeds();
  const auto stories = collect_output_stories(store, selector, feeds);
  return build_merged_feed(selector.output(), format, base_url, stories, feeds);
}

std::string render_output(Store& store, const OutputConfig& output, OutputFormat format,
                          std::string_view base_url) {
  const OutputSelector selector(output);
  return write_merged_feed(load_merged_feed(store, selector, format, base_url), format);
}

}  // namespace feedd
