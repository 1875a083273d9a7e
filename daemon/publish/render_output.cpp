#include "daemon/publish/render_output.hpp"

#include "daemon/publish/merged_entry.hpp"

namespace feedd {

std::vector<ItemRecord> collect_output_items(Store& store, const OutputSelector& selector,
                                             const std::vector<FeedRecord>& feeds) {
  ItemCollector collector(selector, selector.select_feeds(feeds));
  while (!collector.done()) {
    collector.take_page(
        store.output_items_page(collector.feed_ids(), collector.cursor(), collector.page_size()));
  }
  return collector.take_items();
}

feeds::MergedFeed load_merged_feed(Store& store, const OutputSelector& selector,
                                   OutputFormat format, std::string_view base_url) {
  const auto feeds = store.list_feeds();
  const auto items = collect_output_items(store, selector, feeds);
  return build_merged_feed(selector.output(), format, base_url, items, feeds);
}

std::string render_output(Store& store, const OutputConfig& output, OutputFormat format,
                          std::string_view base_url) {
  const OutputSelector selector(output);
  return write_merged_feed(load_merged_feed(store, selector, format, base_url), format);
}

}  // namespace feedd
