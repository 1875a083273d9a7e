#pragma once
/// Internal to storage: puts items into stories (cross-feed dedup, issue 6). The rule is
/// feeds::same_story; this file only finds the candidates it is asked about, through the
/// canonical-URL index, the story_bands index and the writer's tail of newest bands
/// (BandTail), never by scanning items.

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

/// The date a new item fetched at `fetched_at` is matched by: published_at clamped as
/// upsert_item clamps it (a date over a day ahead is the fetch time), else the fetch time.
TimePoint new_item_story_date(const feeds::Item& item, TimePoint fetched_at);

/// Where a new item goes, decided before it is inserted so its row is written once.
struct StoryPlacement {
  ItemId story_id = 0;
  /// Set when a story started for the item: the story names this id as its primary, and the
  /// item must be inserted with it (the check of that key waits for COMMIT).
  std::optional<ItemId> item_id;
  feeds::StoryFingerprint fingerprint;  ///< with its date
};

/// Finds the earliest story holding a stored item that same_story matches (canonical URL, else
/// fingerprint bands within the window), or starts a story whose primary is the item, under the
/// id the placement gives. The item is then inserted with the placement's columns and id, and
/// finish_placement called, in the same write transaction.
StoryPlacement place_new_item(Database& db, feeds::StoryFingerprint fingerprint, TimePoint date,
                              TimePoint seen_at, const feeds::StoryPolicy& policy);

/// After inserting the placed item as `item_id`: notes its canonical URL key and indexes its
/// fingerprint bands.
void finish_placement(Database& db, ItemId item_id, const StoryPlacement& placement,
                      const feeds::StoryPolicy& policy);

/// Joins the item to the earliest story holding a stored item that same_story matches (by
/// canonical URL, else by fingerprint bands within the window), or starts a new story with the
/// item as primary. Fills canonical_url, story_id and the fingerprint columns, and adds the
/// item's bands to the band tail (BandTail), which writes them to story_bands.
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
