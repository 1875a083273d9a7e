#pragma once
// A temporary Store with tagged feeds and items for the publish tests, filled through the
// Store's public API only.

#include <string>
#include <vector>

#include "daemon/config/config.hpp"
#include "daemon/storage/storage_test_support.hpp"
#include "daemon/storage/store.hpp"

namespace feedd::publish_test {

using storage_test::at;
using storage_test::base_time;
using storage_test::make_fetch;
using storage_test::make_item;

/// An output named `name` with the given tags and filters.
inline OutputConfig make_output(const std::string& name, std::vector<std::string> tags = {},
                                std::optional<std::string> include = std::nullopt,
                                std::optional<std::string> exclude = std::nullopt,
                                int limit = 100) {
  OutputConfig output;
  output.name = name;
  output.title = "Output ";
  output.title += name;
  output.tags = std::move(tags);
  output.include = std::move(include);
  output.exclude = std::move(exclude);
  output.limit = limit;
  return output;
}

/// Three feeds: rust [rust], news [news], mixed [rust, news].
inline std::vector<Subscription> three_subscriptions() {
  return {{"https://rust.example/feed.xml", std::string("Rust Blog"), {"rust"}},
          {"https://news.example/rss", std::nullopt, {"news"}},
          {"https://mixed.example/atom", std::nullopt, {"rust", "news"}}};
}

/// Commits `items` as one fetch of `feed` whose document is titled `title`.
inline void commit_items(Store& store, FeedId feed, std::vector<feeds::Item> items,
                         const std::string& title = "Example feed", TimePoint now = base_time) {
  auto fetch = make_fetch(std::move(items), now);
  fetch.document.title = title;
  store.commit_fetch(feed, fetch);
}

/// `hour` hours into a day well before base_time (storage clamps dates in the future).
inline TimePoint hour_time(int hour) {
  return base_time - std::chrono::hours(1000) + std::chrono::hours(hour);
}

/// An item dated hour_time(hour).
inline feeds::Item item_at(const std::string& guid, int hour, const std::string& title = "") {
  return make_item(guid, hour_time(hour), title);
}

}  // namespace feedd::publish_test
