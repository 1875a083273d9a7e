#include "daemon/publish/merged_entry.hpp"

#include <algorithm>
#include <unordered_map>

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

feeds::MergedFeed build_merged_feed(const OutputConfig& output, OutputFormat format,
                                    std::string_view base_url, const std::vector<ItemRecord>& items,
                                    const std::vector<FeedRecord>& feeds) {
  feeds::MergedFeed merged;
  merged.title = output.title.empty() ? output.name : output.title;
  merged.self_url = output_self_url(base_url, output.name, format);
  merged.home_url = std::string(base_url);
  while (!merged.home_url.empty() && merged.home_url.back() == '/') merged.home_url.pop_back();
  merged.home_url += '/';
  merged.id = "urn:feedd:output:"s + output.name;
  merged.generator = "feedd "s + FEEDD_VERSION;
  std::unordered_map<FeedId, const FeedRecord*> by_id;
  for (const auto& feed : feeds) by_id.emplace(feed.id, &feed);
  for (const auto& item : items) {
    auto found = by_id.find(item.feed_id);
    if (found != by_id.end()) merged.entries.push_back(build_merged_entry(item, *found->second));
  }
  feeds::order_newest_first(merged.entries, merged.entries.size());
  return merged;
}

}  // namespace feedd
