#include <algorithm>
#include <unordered_set>

#include "daemon/storage/columns.hpp"
#include "daemon/storage/full_text_policy.hpp"
#include "daemon/storage/item_upsert.hpp"
#include "daemon/storage/store.hpp"
#include "daemon/storage/store_internal.hpp"
#include "daemon/storage/story_assign.hpp"

namespace feedd {
namespace storage {
namespace {

// avg_item_interval comes from the ten newest publication dates. For rows with a
// published_at, ordering by items_by_feed_date's expression is ordering by published_at: the
// index walk stops after ten rows, where ORDER BY published_at sorted all the feed's items in
// a temporary b-tree, for every fetch.
constexpr const char* update_feed_after_document = R"sql(
UPDATE feeds SET title = coalesce(?2, title), site_url = coalesce(?3, site_url), etag = ?4,
  last_modified = ?5, state = 'active', disabled_reason = NULL, last_error = NULL,
  last_error_kind = NULL, consecutive_errors = 0, last_fetch_at = ?6, last_success_at = ?6,
  last_document_at = ?6, next_poll_at = ?7, http_max_age = ?8, retry_after_until = NULL,
  identity_scheme = ?9, ttl_minutes = ?10, skip_hours = ?11, skip_days = ?12,
  update_period = ?13, update_frequency = ?14, archive_cutoff = coalesce(archive_cutoff, ?15),
  items_count = items_count + ?16,
  avg_item_interval = (
    SELECT CASE WHEN count(*) > 1 THEN (max(p) - min(p)) / (count(*) - 1) END
    FROM (SELECT published_at AS p FROM items WHERE feed_id = ?1 AND published_at IS NOT NULL
          ORDER BY coalesce(published_at, first_seen_at) DESC LIMIT 10))
WHERE id = ?1)sql";

/// The items of the document to store; on a feed's first document only the newest `limit`,
/// and `cutoff` becomes the newest date among those left out.
struct Selection {
  std::vector<const feeds::Item*> items;
  std::optional<TimePoint> cutoff;
};

bool newer_first(const feeds::Item* a, const feeds::Item* b) {
  // Dated items newest first; undated ones keep document order after them.
  if (!a->date_published || !b->date_published) return a->date_published && !b->date_published;
  return *a->date_published > *b->date_published;
}

Selection select_items(const feeds::Feed& document, const FeedRecord& feed, std::size_t limit) {
  Selection selection;
  for (const auto& item : document.items) selection.items.push_back(&item);
  if (feed.last_document_at || selection.items.size() <= limit) return selection;
  std::stable_sort(selection.items.begin(), selection.items.end(), newer_first);
  for (std::size_t i = limit; i < selection.items.size(); ++i) {
    const auto& date = selection.items[i]->date_published;
    if (date && (!selection.cutoff || *date > *selection.cutoff)) selection.cutoff = date;
  }
  selection.items.resize(limit);
  return selection;
}

void count_outcome(CommitResult& result, const UpsertResult& upsert, bool queued) {
  switch (upsert.outcome) {
    case UpsertOutcome::inserted:
      ++result.new_items;
      if (queued) result.full_text_items.push_back(upsert.id);
      break;
    case UpsertOutcome::updated: ++result.updated_items; break;
    case UpsertOutcome::unchanged: ++result.unchanged_items; break;
    case UpsertOutcome::skipped: break;
  }
}

void store_items(Database& db, const FeedRecord& feed, const FetchCommit& fetch,
                 const std::vector<ItemDigest>& digests, const Selection& selection,
                 const feeds::StoryPolicy& story_policy, CommitResult& result) {
  // Only content_hash keys can repeat (identical items): guid and link keys hash fields that
  // choose_identity_scheme found present and distinct in the document.
  const bool keys_may_repeat = result.identity_scheme == feeds::IdentityScheme::content_hash;
  std::unordered_set<std::string> seen_keys;
  // A feed's first document: nothing of it is stored yet (last_document_at and items_count
  // are written with its items, in one transaction), and its keys are distinct, so every item
  // is new. A first poll of thousands of feeds skips a lookup per item.
  const bool first_document = !feed.last_document_at && feed.items_count == 0;
  for (const auto* item : selection.items) {
    const auto index = static_cast<std::size_t>(item - fetch.document.items.data());
    std::string computed_key;
    const auto& key = identity_key(*item, digests[index], result.identity_scheme, computed_key);
    // Of identical items, the first one stands.
    if (keys_may_repeat && !seen_keys.insert(key).second) continue;
    ItemWrite write{feed.id, item, &digests[index], &story_policy, &key};
    write.queue_full_text = needs_full_text(*item, fetch.full_text);
    write.may_insert = !(feed.archive_cutoff && item->date_published &&
                         *item->date_published <= *feed.archive_cutoff);
    write.fetched_at = fetch.fetched_at;
    write.may_be_stored = !first_document;
    const auto upsert = upsert_item(db, write);
    count_outcome(result, upsert, write.queue_full_text);
  }
}

// `inserted`: the items this fetch added. feeds.items_count has no insert trigger (schema 7):
// this UPDATE is where new items are counted, so it must follow every store_items.
void update_feed(Database& db, FeedId feed_id, const FetchCommit& fetch,
                 feeds::IdentityScheme scheme, std::optional<TimePoint> cutoff, int inserted) {
  const auto& hints = fetch.document.hints;
  auto update = db.statement(update_feed_after_document);
  update->bind(1, static_cast<int64_t>(feed_id));
  bind_text(*update, 2, fetch.document.title);
  bind_text(*update, 3, fetch.document.home_page_url);
  bind_text(*update, 4, fetch.etag);
  bind_text(*update, 5, fetch.last_modified);
  update->bind(6, static_cast<int64_t>(to_unix(fetch.fetched_at)));
  bind_time(*update, 7, fetch.next_poll_at);
  bind_int(*update, 8, fetch.http_max_age ? std::optional(fetch.http_max_age->count()) : std::nullopt);
  update->bind(9, feeds::to_string(scheme));
  bind_int(*update, 10, hints.ttl_minutes ? std::optional<std::int64_t>(*hints.ttl_minutes) : std::nullopt);
  update->bind(11, ints_to_json(hints.skip_hours));
  update->bind(12, ints_to_json(hints.skip_days));
  bind_text(*update, 13, hints.update_period);
  bind_int(*update, 14, hints.update_frequency ? std::optional<std::int64_t>(*hints.update_frequency) : std::nullopt);
  bind_time(*update, 15, cutoff);
  update->bind(16, inserted);
  update->exec();
}

FetchRecord log_row(FeedId feed_id, const FetchCommit& fetch, const CommitResult& result) {
  FetchRecord record;
  record.feed_id = feed_id;
  record.started_at = fetch.started_at;
  record.duration = fetch.duration;
  record.outcome = FetchLogOutcome::ok;
  if (fetch.http_status != 0) record.http_status = fetch.http_status;
  record.items_new = result.new_items;
  record.items_updated = result.updated_items;
  record.bytes = fetch.bytes;
  return record;
}

}  // namespace
}  // namespace storage

CommitResult Store::commit_fetch(FeedId feed_id, const FetchCommit& fetch) {
  return storage::run_operation(path().string(), "commit_fetch", [&] {
    auto transaction = db_.begin_write();
    const auto feed = storage::require_feed(db_, feed_id, "commit_fetch");
    CommitResult result;
    result.identity_scheme = feeds::choose_identity_scheme(fetch.document.items, feed.identity_scheme);
    const auto selection =
        storage::select_items(fetch.document, feed, fetch.first_fetch_item_limit);
    // Digests come computed off the storage thread; tests and other callers may leave them out.
    std::vector<ItemDigest> computed;
    if (fetch.digests.size() != fetch.document.items.size())
      computed = digest_items(fetch.document, options_.story_policy);
    const auto& digests = computed.empty() ? fetch.digests : computed;
    storage::store_items(db_, feed, fetch, digests, selection, options_.story_policy, result);
    storage::update_feed(db_, feed_id, fetch, result.identity_scheme, selection.cutoff,
                         result.new_items);
    storage::append_fetch_log(db_, storage::log_row(feed_id, fetch, result),
                              options_.fetch_log_per_feed);
    transaction.commit();
    return result;
  });
}

}  // namespace feedd
