#include "daemon/publish/subscription_outlines.hpp"

#include <string_view>
#include <unordered_map>

namespace feedd {

std::vector<feeds::OpmlOutline> subscription_outlines(const std::vector<FeedConfig>& feeds,
                                                      const std::vector<FeedRecord>& stored) {
  std::unordered_map<std::string_view, const FeedRecord*> by_url;
  for (const auto& record : stored) by_url.emplace(record.subscribed_url, &record);
  std::vector<feeds::OpmlOutline> outlines;
  outlines.reserve(feeds.size());
  for (const auto& feed : feeds) {
    feeds::OpmlOutline outline;
    outline.xml_url = feed.url;
    outline.title = feed.title.value_or("");
    outline.tags = feed.tags;
    auto found = by_url.find(feed.url);
    if (found != by_url.end()) {
      const FeedRecord& record = *found->second;
      outline.xml_url = record.url.empty() ? feed.url : record.url;
      if (outline.title.empty()) outline.title = record.title.value_or("");
      outline.html_url = record.site_url;
    }
    outlines.push_back(std::move(outline));
  }
  return outlines;
}

}  // namespace feedd
