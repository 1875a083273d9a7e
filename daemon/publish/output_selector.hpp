#pragma once
/// Which stored items an [[output]] publishes (interfaces.md "Config"): items of the feeds with
/// any of its tags (all feeds when it has none) that pass its include/exclude regexes, newest
/// first, at most `limit`. Pure: storage is read by the caller, a page at a time.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "daemon/config/config.hpp"
#include "daemon/storage/records.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {

/// A compiled include/exclude pattern (Boost.Regex; see output_selector.cpp).
struct FilterPattern;

/// An [[output]] with its regexes compiled.
class OutputSelector {
 public:
  /// Throws std::invalid_argument naming the output when include or exclude does not compile
  /// (load_config has already refused such a file, so this is a programming error).
  explicit OutputSelector(OutputConfig output);

  const OutputConfig& output() const { return output_; }

  /// Ids of the configured feeds with any of the output's tags, or of every configured feed
  /// when it has none. Feeds removed from the config keep their items but are not published.
  std::vector<FeedId> select_feeds(const std::vector<FeedRecord>& feeds) const;

  /// Whether `item` passes include (when set) and not exclude, matched on item_filter_text.
  /// An item a pattern cannot decide within the regex engine's complexity bound is left out.
  bool matches(const ItemRecord& item) const;

  /// Whether include or exclude is set (pages then hold fewer matches than items).
  bool filters() const { return include_ != nullptr || exclude_ != nullptr; }

 private:
  OutputConfig output_;
  std::shared_ptr<const FilterPattern> include_;
  std::shared_ptr<const FilterPattern> exclude_;
};

/// The item's plain text: the extracted article's when full text is done, else the text of the
/// feed's content, else its summary; empty when it has none.
std::string item_plain_text(const ItemRecord& item);

/// What include/exclude see: the title, a newline, then item_plain_text, cut at
/// max_filter_text_bytes.
std::string item_filter_text(const ItemRecord& item);

/// Matching time grows with the text for patterns like "x.*y"; the start of a story is
/// enough to tell what it is about.
inline constexpr std::size_t max_filter_text_bytes = 64 * 1024;

/// One story an output publishes: the item its entry is built from and every source of it.
struct SelectedStory {
  ItemRecord item;       ///< the story's newest selected item, or its primary (use_primary_items)
  StorySources sources;  ///< primary first; an item without a story is its own only source
};

/// Gathers an output's stories from keyset pages read newest first (Store::output_items_page)
/// until `limit` stories had a matching item or the feeds' items ran out. A story that arrived
/// through several selected feeds counts once: its newest matching item stands for it.
class ItemCollector {
 public:
  ItemCollector(const OutputSelector& selector, std::vector<FeedId> feed_ids);

  /// True once no further page is needed.
  bool done() const { return done_; }

  /// The arguments of the next page read.
  const std::vector<FeedId>& feed_ids() const { return feed_ids_; }
  const std::optional<Store::ItemCursor>& cursor() const { return cursor_; }
  std::size_t page_size() const { return page_size_; }

  /// Keeps the page's matching items, one per story (up to the limit), and moves the cursor
  /// past the page. `stories` holds Store::story_sources of the page's items; an item it does
  /// not name is a story of its own.
  void take_page(std::vector<ItemRecord> page, std::vector<StorySources> stories = {});

  /// The matching items, one per story, newest first.
  std::vector<ItemRecord> take_items();

  /// The selected stories, newest first.
  std::vector<SelectedStory> take_stories() { return std::move(stories_); }

 private:
  const OutputSelector& selector_;
  std::vector<FeedId> feed_ids_;
  std::size_t limit_;
  std::size_t page_size_;
  std::optional<Store::ItemCursor> cursor_;
  std::vector<SelectedStory> stories_;
  std::unordered_set<ItemId> story_ids_;  ///< stories already selected
  bool done_ = false;
};

}  // namespace feedd
