#include "daemon/storage/story_assign.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "daemon/storage/band_tail.hpp"
#include "daemon/storage/columns.hpp"
#include "feeds/dedup/simhash.hpp"

namespace feedd::storage {
namespace {

// INDEXED BY: with statistics gathered while the database was small, the planner preferred
// items_by_story for the ORDER BY, a scan of every item with a story. min() rather than
// ORDER BY story_id LIMIT 1, which built a temporary B-tree for every item stored.
// Both return NULL when no other item has the URL.
constexpr const char* find_story_by_url = R"sql(
SELECT min(story_id) FROM items INDEXED BY items_by_canonical_url
WHERE canonical_url = ?1 AND story_id IS NOT NULL AND id != ?2)sql";

// One band, one date range: an index range scan of story_bands' primary key.
constexpr const char* find_band_rows = R"sql(
SELECT at, item_id, fingerprint FROM story_bands WHERE band = ?1 AND at BETWEEN ?2 AND ?3)sql";

// A band row whose fingerprint is close: the item, with the date its band rows carry.
constexpr const char* find_candidate = R"sql(
SELECT id, story_id, canonical_url, story_fingerprint, story_fingerprint_kind, story_words, ?2
FROM items WHERE id = ?1 AND story_id IS NOT NULL AND id != ?3)sql";

constexpr const char* find_other_story_by_url = R"sql(
SELECT min(story_id) FROM items INDEXED BY items_by_canonical_url
WHERE canonical_url = ?1 AND story_id IS NOT NULL AND story_id != ?2)sql";

constexpr const char* select_item_story = R"sql(
SELECT story_id, (SELECT count(*) FROM items m WHERE m.story_id = i.story_id)
FROM items i WHERE id = ?1)sql";

constexpr const char* move_item_to_story =
    "UPDATE items SET canonical_url = ?2, story_id = coalesce(?3, story_id) WHERE id = ?1";

constexpr const char* delete_story = "DELETE FROM stories WHERE id = ?1";

constexpr const char* insert_story =
    "INSERT INTO stories (primary_item_id, created_at) VALUES (?1, ?2)";

// A story started for an item not inserted yet names as its primary the id the item will take:
// one above the largest in items, as SQLite picks a new rowid (Database::next_item_id reads
// max(id) once per transaction and counts on), and bound explicitly by the item's INSERT. The key
// is checked at COMMIT (schema 11), when the item is in; before, the story's row was written again
// by an UPDATE naming it, ~4% of a cold poll's instructions. (An INSERT … RETURNING of both would
// cost more: SQLite gathers its rows in a temporary table.)

constexpr const char* move_story_members = "UPDATE items SET story_id = ?1 WHERE story_id = ?2";

constexpr const char* reelect_story_primary = R"sql(
UPDATE stories SET primary_item_id = (
  SELECT id FROM items WHERE story_id = ?1 ORDER BY first_seen_at, id LIMIT 1)
WHERE id = ?1)sql";

constexpr const char* update_item_story = R"sql(
UPDATE items SET canonical_url = ?2, story_id = ?3, story_fingerprint = ?4,
                 story_fingerprint_kind = ?5, story_words = ?6
WHERE id = ?1)sql";

// The band tail and the key filter, caught up with the database for this transaction.
StoredKeys& prepared_keys(Database& db, const feeds::StoryPolicy& policy) {
  auto& tail = db.band_tail();
  tail.prepare(db, policy);
  auto& keys = db.stored_keys();
  keys.prepare(db, tail);
  return keys;
}

std::optional<ItemId> story_by_url(Database& db, ItemId id, const std::optional<std::string>& key,
                                   StoredKeys& keys) {
  if (!key || !keys.may_have_url(*key)) return std::nullopt;
  auto find = db.statement(find_story_by_url);
  find->bind(1, *key);
  find->bind(2, static_cast<int64_t>(id));
  if (!find->executeStep() || find->getColumn(0).isNull()) return std::nullopt;
  return find->getColumn(0).getInt64();
}

feeds::StoryFingerprint candidate_from(const SQLite::Statement& row) {
  feeds::StoryFingerprint candidate;
  candidate.url_key = text_column(row, 2);
  candidate.fingerprint = static_cast<std::uint64_t>(row.getColumn(3).getInt64());
  candidate.kind = static_cast<feeds::FingerprintKind>(row.getColumn(4).getInt());
  candidate.words = static_cast<std::size_t>(row.getColumn(5).getInt64());
  candidate.date = from_unix(row.getColumn(6).getInt64());
  return candidate;
}

void read_band_rows(Database& db, std::int64_t band, std::int64_t from, std::int64_t to,
                    std::vector<BandTail::Entry>& out) {
  auto find = db.statement(find_band_rows);
  find->bind(1, static_cast<int64_t>(band));
  find->bind(2, static_cast<int64_t>(from));
  find->bind(3, static_cast<int64_t>(to));
  while (find->executeStep()) {
    out.push_back({find->getColumn(0).getInt64(), find->getColumn(1).getInt64(),
                   static_cast<std::uint64_t>(find->getColumn(2).getInt64())});
  }
}

// Keeps `entry`'s story when it is earlier than `earliest` and same_story matches the item.
void consider(Database& db, ItemId own_id, const BandTail::Entry& entry,
              const feeds::StoryFingerprint& fingerprint, const feeds::StoryPolicy& policy,
              std::optional<ItemId>& earliest) {
  // A band shared by chance: same_story would refuse it on the fingerprint.
  if (feeds::hamming_distance(entry.fingerprint, fingerprint.fingerprint) > policy.max_distance)
    return;
  auto find = db.statement(find_candidate);
  find->bind(1, static_cast<int64_t>(entry.item));
  find->bind(2, static_cast<int64_t>(entry.at));
  find->bind(3, static_cast<int64_t>(own_id));
  if (!find->executeStep()) return;
  const ItemId story = find->getColumn(1).getInt64();
  if (earliest && story >= *earliest) return;
  if (feeds::same_story(fingerprint, candidate_from(*find), policy)) earliest = story;
}

// The item's bands, looked up in story_bands and in the writer's tail of newest items.
std::optional<ItemId> story_by_bands(Database& db, ItemId id,
                                     const feeds::StoryFingerprint& fingerprint,
                                     const feeds::StoryPolicy& policy, StoredKeys& keys) {
  if (!indexable(fingerprint, policy.min_title_words)) return std::nullopt;
  const auto& tail = db.band_tail();
  const auto at = to_unix(*fingerprint.date);
  const auto from = at - policy.window.count();
  const auto to = at + policy.window.count();
  // The filter holds the tail's bands too: a "no" skips both.
  const auto probes = probe_values(fingerprint.kind, fingerprint.fingerprint);
  std::array<bool, probes.size()> maybe;
  keys.may_have_bands(probes, maybe);
  std::vector<BandTail::Entry> entries;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    if (!maybe[i]) continue;
    read_band_rows(db, probes[i], from, to, entries);
    tail.find(probes[i], from, to, entries);
  }
  // An identical text shares all its bands: one look at each item.
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.item < b.item; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const auto& a, const auto& b) { return a.item == b.item; }),
                entries.end());
  std::optional<ItemId> earliest;
  for (const auto& entry : entries) consider(db, id, entry, fingerprint, policy, earliest);
  return earliest;
}

/// A new story whose primary is the item `primary` (stored already, or inserted next).
ItemId start_story(Database& db, ItemId primary, TimePoint seen_at) {
  auto insert = db.statement(insert_story);
  insert->bind(1, static_cast<int64_t>(primary));
  insert->bind(2, static_cast<int64_t>(to_unix(seen_at)));
  insert->exec();
  return db.connection().getLastInsertRowid();
}

// A canonical URL key written to an item's row: later lookups of it must read the index.
void note_url_key(Database& db, const std::optional<std::string>& key) {
  if (key) db.stored_keys().add_url(*key);
}

void write_item_story(Database& db, ItemId id, ItemId story,
                      const feeds::StoryFingerprint& fingerprint) {
  auto update = db.statement(update_item_story);
  update->bind(1, static_cast<int64_t>(id));
  bind_text(*update, 2, fingerprint.url_key);
  update->bind(3, static_cast<int64_t>(story));
  update->bind(4, static_cast<int64_t>(fingerprint.fingerprint));
  update->bind(5, static_cast<int>(fingerprint.kind));
  update->bind(6, static_cast<int64_t>(fingerprint.words));
  update->exec();
  note_url_key(db, fingerprint.url_key);
}

void index_bands(Database& db, ItemId id, const feeds::StoryFingerprint& fingerprint,
                 const feeds::StoryPolicy& policy) {
  if (!indexable(fingerprint, policy.min_title_words)) return;
  auto& keys = prepared_keys(db, policy);
  const auto at = to_unix(*fingerprint.date);
  db.band_tail().add(fingerprint.kind, {at, id, fingerprint.fingerprint});
  for (const auto band : band_values(fingerprint.kind, fingerprint.fingerprint))
    keys.add_band(band);
}

std::optional<ItemId> other_story_by_url(Database& db, const std::string& key, ItemId own) {
  auto find = db.statement(find_other_story_by_url);
  find->bind(1, key);
  find->bind(2, static_cast<int64_t>(own));
  if (!find->executeStep() || find->getColumn(0).isNull()) return std::nullopt;
  return find->getColumn(0).getInt64();
}

/// Moves every member of story `from` into story `into`, whose primary is again its
/// earliest-seen member, and deletes `from`.
void merge_stories(Database& db, ItemId into, ItemId from) {
  {
    auto move = db.statement(move_story_members);
    move->bind(1, static_cast<int64_t>(into));
    move->bind(2, static_cast<int64_t>(from));
    move->exec();
  }
  {
    auto reelect = db.statement(reelect_story_primary);
    reelect->bind(1, static_cast<int64_t>(into));
    reelect->exec();
  }
  auto remove = db.statement(delete_story);
  remove->bind(1, static_cast<int64_t>(from));
  remove->exec();
}

/// The story of other items that this one matches: by canonical URL and by fingerprint bands.
/// An item matching one story by URL and another by text bridges them (the aggregator's link
/// to the original stored before the original, a syndicated copy of its text stored too): the
/// two become one, the earlier, so the outcome does not depend on the order fetches commit.
std::optional<ItemId> matching_story(Database& db, ItemId own_id,
                                     const feeds::StoryFingerprint& fingerprint,
                                     const feeds::StoryPolicy& policy) {
  auto& keys = prepared_keys(db, policy);
  const auto by_url = story_by_url(db, own_id, fingerprint.url_key, keys);
  const auto by_text = story_by_bands(db, own_id, fingerprint, policy, keys);
  if (!by_url || !by_text) return by_url ? by_url : by_text;
  if (*by_url != *by_text) merge_stories(db, std::min(*by_url, *by_text), std::max(*by_url, *by_text));
  return std::min(*by_url, *by_text);
}

}  // namespace

TimePoint new_item_story_date(const feeds::Item& item, TimePoint fetched_at) {
  auto date = item.date_published.value_or(fetched_at);
  if (date > fetched_at + std::chrono::days(1)) date = fetched_at;
  return date;
}

StoryPlacement place_new_item(Database& db, feeds::StoryFingerprint fingerprint, TimePoint date,
                              TimePoint seen_at, const feeds::StoryPolicy& policy) {
  fingerprint.date = date;
  // No item has id 0: nothing is excluded from the search for the item not yet inserted.
  if (const auto story = matching_story(db, 0, fingerprint, policy))
    return {*story, std::nullopt, std::move(fingerprint)};
  const ItemId item_id = db.next_item_id();
  return {start_story(db, item_id, seen_at), item_id, std::move(fingerprint)};
}

void finish_placement(Database& db, ItemId item_id, const StoryPlacement& placement,
                      const feeds::StoryPolicy& policy) {
  note_url_key(db, placement.fingerprint.url_key);
  index_bands(db, item_id, placement.fingerprint, policy);
}

ItemId assign_story(Database& db, const StoryInput& input, const feeds::StoryPolicy& policy) {
  const auto fingerprint = feeds::story_fingerprint(*input.item, policy, input.date);
  auto story = matching_story(db, input.id, fingerprint, policy);
  if (!story) story = start_story(db, input.id, input.seen_at);
  write_item_story(db, input.id, *story, fingerprint);
  index_bands(db, input.id, fingerprint, policy);
  return *story;
}

void apply_page_canonical(Database& db, ItemId id, std::string_view page_canonical,
                          const feeds::StoryPolicy& policy) {
  const auto key = feeds::canonical_url_key(page_canonical, policy.tracking);
  // Sites whose og:url or canonical names the home page on every article would merge them all.
  constexpr std::size_t scheme_length = std::string_view("https://").size();
  if (!key || key->find_first_of("/?", scheme_length) == std::string::npos) return;
  std::optional<ItemId> own_story;
  std::int64_t members = 0;
  {
    auto select = db.statement(select_item_story);
    select->bind(1, static_cast<int64_t>(id));
    if (!select->executeStep() || select->getColumn(0).isNull()) return;
    own_story = select->getColumn(0).getInt64();
    members = select->getColumn(1).getInt64();
  }
  // A story that already has other sources keeps this item: moving one member would split it.
  const auto target = members == 1 ? other_story_by_url(db, *key, *own_story) : std::nullopt;
  auto move = db.statement(move_item_to_story);
  move->bind(1, static_cast<int64_t>(id));
  move->bind(2, *key);
  bind_int(*move, 3, target);
  move->exec();
  note_url_key(db, key);
  if (!target) return;
  auto remove = db.statement(delete_story);
  remove->bind(1, static_cast<int64_t>(*own_story));
  remove->exec();
}

}  // namespace feedd::storage
