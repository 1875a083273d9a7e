#include "daemon/publish/merged_entry.hpp"

#include <algorithm>

namespace feedd {
namespace {

using namespace std::string_literals;

bool non_empty(const std::optional<std::string>& text) { return text && !text->empty(); }

/// "scheme:rest" as RFC 3986 defines a scheme: a letter, then letters, digits, + - or '.'.
bool is_absolute_uri(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!is_alpha(text[0])) return false;
  return std::all_of(text.begin() + 1, text.begin() + colon, [&](char c) {
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  });
}

std::optional<std::string> original_link(const ItemRecord& item) {
  if (non_empty(item.orig_link)) return item.orig_link;
  if (non_empty(item.url)) return item.url;
  return std::nullopt;
}

std::string entry_content(const ItemRecord& item, bool& full_text) {
  full_text = item.full_text_status == FullTextStatus::done && non_empty(item.full_text_html);
  if (full_text) return *item.full_text_html;
  return item.content_html.value_or("");
}

const FeedRecord* find_feed(const std::vector<FeedRecord>& feeds, FeedId id) {
  auto found = std::find_if(feeds.begin(), feeds.end(),
                            [id](const FeedRecord& feed) { return feed.id == id; });
  return found == feeds.end() ? nullptr : &*found;
}

feeds::EntrySource story_source(const StorySource& source, const FeedRecord* feed) {
  feeds::EntrySource entry;
  entry.feed_title = feed ? feed->display_title() : source.feed_title;
  entry.feed_url = source.feed_url;
  if (feed && !feed->subscribed_url.empty()) entry.feed_url = feed->subscribed_url;
  if (feed) entry.feed_home_url = feed->site_url;
  entry.url = source.item_url;
  entry.date_published = source.date;
  return entry;
}

void header_of(feeds::MergedFeed& merged, const OutputConfig& output, OutputFormat format,
               std::string_view base_url) {
  merged.title = output.title.empty() ? output.name : output.title;
  merged.self_url = output_self_url(base_url, output.name, format);
  merged.home_url = std::string(base_url);
  while (!merged.home_url.empty() && merged.home_url.back() == '/') merged.home_url.pop_back();
  merged.home_url += '/';
  merged.id = "urn:feedd:output:"s + output.name;
  merged.generator = "feedd "s + FEEDD_VERSION;
}

}  // namespace

std::string merged_entry_id(const ItemRecord& item) {
  if (non_empty(item.guid) && is_absolute_uri(*item.guid)) return *item.guid;
  if (non_empty(item.url)) return *item.url;
  return "urn:feedd:item:"s + std::to_string(item.feed_id) + ":" + item.identity_key;
}

feeds::EntrySource entry_source(const ItemRecord& item, const FeedRecord& feed) {
  feeds::EntrySource source;
  source.feed_title = feed.display_title();
  source.feed_url = feed.subscribed_url.empty() ? feed.url : feed.subscribed_url;
  source.feed_home_url = feed.site_url;
  source.url = original_link(item);
  source.date_published = item.published_at;
  return source;
}

feeds::MergedEntry build_merged_entry(const ItemRecord& item, const FeedRecord& feed) {
  feeds::MergedEntry entry;
  entry.id = merged_entry_id(item);
  entry.url = original_link(item);
  if (non_empty(item.title)) entry.title = item.title;
  if (non_empty(item.summary)) entry.summary = item.summary;
  entry.content_html = entry_content(item, entry.full_text);
  entry.authors = item.authors;
  entry.published = item.published_at;
  entry.updated = item.updated_at;
  if (!entry.published && !entry.updated) entry.updated = item.first_seen_at;
  entry.tags = item.tags;
  entry.attachments = item.attachments;
  entry.sources.push_back(entry_source(item, feed));
  return entry;
}

std::string output_self_url(std::string_view base_url, std::string_view output_name,
                            OutputFormat format) {
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (output_name == default_output_name) {
    url += "/feed.";
  } else {
    url += "/outputs/";
    url += output_name;
    url += '.';
  }
  url += to_string(format);
  return url;
}

std::string base_url_of(const ListenAddress& listen) { return "http://"s + listen.to_string(); }

feeds::MergedEntry build_story_entry(const SelectedStory& story,
                                     const std::vector<FeedRecord>& feeds) {
  const FeedRecord* own_feed = find_feed(feeds, story.item.feed_id);
  feeds::MergedEntry entry = build_merged_entry(story.item, own_feed ? *own_feed : FeedRecord{});
  if (story.sources.sources.empty()) return entry;
  const feeds::EntrySource own = entry.sources.front();
  entry.sources.clear();
  for (const auto& source : story.sources.sources) {
    if (source.item_id == story.item.id) {
      entry.sources.push_back(own);
    } else {
      entry.sources.push_back(story_source(source, find_feed(feeds, source.feed_id)));
    }
  }
  return entry;
}

feeds::MergedFeed build_merged_feed(const OutputConfig& output, OutputFormat format,
                                    std::string_view base_url,
                                    const std::vector<SelectedStory>& stories,
                                    const std::vector<FeedRecord>& feeds) {
  feeds::MergedFeed merged;
  header_of(merged, output, format, base_url);
  for (const auto& story : stories) {
    if (find_feed(feeds, story.item.feed_id))
      merged.entries.push_back(build_story_entry(story, feeds));
  }
  feeds::order_newest_first(merged.entries, merged.entries.size());
  return merged;
}

feeds::MergedFeed build_merged_feed(const OutputConfig& output, OutputFormat format,
                                    std::string_view base_url, const std::vector<ItemRecord>& items,
                                    const std::vector<FeedRecord>& feeds) {
  std::vector<SelectedStory> stories;
  stories.reserve(items.size());
  for (const auto& item : items) stories.push_back(SelectedStory{item, StorySources{}});
  return build_merged_feed(output, format, base_url, stories, feeds);
}

}  // namespace feedd
