#pragma once
/// Internal to storage: puts items into stories (cross-feed dedup, issue 6). The rule is
/// feeds::same_story; this file only finds the candidates it is asked about, through the
/// canonical-URL index and the story_bands index, never by scanning items.

#include <cstddef>
#include <optional>
#include <string_view>

#include "daemon/storage/database.hpp"
#include "daemon/storage/records.hpp"
#include "feeds/dedup/story_match.hpp"

namespace feedd::storage {

/// A stored item that has no story yet.
struct StoryInput {
  ItemId id = 0;
  const feeds::Item* item = nullptr;
  TimePoint date{};     ///< published_at as stored, else first_seen_at
  TimePoint seen_at{};  ///< first_seen_at
};

/// The input for an item just inserted by a fetch at `fetched_at`; its date is clamped as
/// upsert_item clamps published_at (a date over a day ahead is the fetch time).
StoryInput new_item_story_input(ItemId id, const feeds::Item& item, TimePoint fetched_at);

/// Joins the item to the earliest story holding a stored item that same_story matches (by
/// canonical URL, else by fingerprint bands within the window), or starts a new story with the
/// item as primary. Fills canonical_url, story_id, the fingerprint columns and story_bands.
/// Returns the story id. Call inside a write transaction.
ItemId assign_story(Database& db, const StoryInput& input, const feeds::StoryPolicy& policy);

/// Assigns stories to up to `limit` stored items without one, earliest seen first (databases
/// migrated from schema 1). Returns how many it assigned; call inside a write transaction.
std::size_t assign_missing_stories(Database& db, const feeds::StoryPolicy& policy,
                                   std::size_t limit);

/// assign_missing_stories until none is left, one transaction per `batch` items, so a large
/// database upgraded to schema 2 never holds the write lock for long.
void backfill_stories(Database& db, const feeds::StoryPolicy& policy, std::size_t batch);

/// A page's <link rel=canonical> arrived with its full text: when it names a story stored under
/// another item and the item is alone in its own story, the item joins that story. Updates
/// the item's canonical_url either way. A canonical naming a site's home page is ignored.
/// Call inside a write transaction.
void apply_page_canonical(Database& db, ItemId id, std::string_view page_canonical,
                          const feeds::StoryPolicy& policy);

}  // namespace feedd::storage
