#include "daemon/storage/item_upsert.hpp"

#include <chrono>

#include "daemon/storage/columns.hpp"
#include "daemon/storage/story_assign.hpp"
#include "feeds/dedup/identity.hpp"

namespace feedd::storage {
namespace {

constexpr const char* find_item =
    "SELECT id, content_fingerprint FROM items WHERE feed_id = ?1 AND identity_key = ?2";

// ?3..?16 and ?23 are bound by bind_item_fields for both statements. A new item's row carries
// its story from the start: written once, never passing through items_without_story.
constexpr const char* insert_item = R"sql(
INSERT INTO items (feed_id, identity_key, guid, url, orig_link, comments_url, title, authors,
                   published_at, updated_at, summary, content_html, tags, attachments,
                   content_fingerprint, first_seen_at, last_seen_at, full_text_status,
                   canonical_url, story_id, story_fingerprint, story_fingerprint_kind,
                   story_words, summary_is_content_text, id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17, ?18, ?19,
        ?20, ?21, ?22, ?23, ?24))sql";

constexpr const char* update_item = R"sql(
UPDATE items SET guid = ?3, url = ?4, orig_link = ?5, comments_url = ?6, title = ?7,
                 authors = ?8, published_at = ?9, updated_at = ?10, summary = ?11,
                 content_html = ?12, tags = ?13, attachments = ?14, content_fingerprint = ?15,
                 last_seen_at = ?16, summary_is_content_text = ?23
WHERE id = ?1)sql";

// The fingerprint is written again: a row an earlier version stored carries its SHA-1 form.
constexpr const char* touch_item =
    "UPDATE items SET last_seen_at = ?2, content_fingerprint = ?3 WHERE id = ?1";

// A date more than a day ahead of the fetch is a publisher's mistake (security.md §2 row 36);
// a day of slack covers time-zone errors.
std::optional<TimePoint> clamp_future(std::optional<TimePoint> date, TimePoint fetched_at) {
  if (date && *date > fetched_at + std::chrono::days(1)) return fetched_at;
  return date;
}

void bind_text_no_copy(SQLite::Statement& statement, int index,
                       const std::optional<std::string>& value) {
  if (value) {
    statement.bindNoCopy(index, *value);
  } else {
    statement.bind(index);
  }
}

void bind_item_fields(SQLite::Statement& statement, const ItemWrite& write) {
  // Texts are bound without SQLite's copy: the item and its digest outlive the statement's run.
  const auto& item = *write.item;
  bind_text_no_copy(statement, 3, item.id);
  bind_text_no_copy(statement, 4, item.url);
  bind_text_no_copy(statement, 5, item.orig_link);
  bind_text_no_copy(statement, 6, item.comments_url);
  bind_text_no_copy(statement, 7, item.title);
  statement.bindNoCopy(8, write.digest->authors_json);
  bind_time(statement, 9, clamp_future(item.date_published, write.fetched_at));
  bind_time(statement, 10, clamp_future(item.date_modified, write.fetched_at));
  // A summary that is the text of the content is not stored twice: readers derive it.
  const bool summary_from_content = item.summary_is_content_text && item.content_html;
  if (summary_from_content) {
    statement.bind(11);
  } else {
    bind_text_no_copy(statement, 11, item.summary);
  }
  bind_text_no_copy(statement, 12, item.content_html);
  statement.bind(23, summary_from_content ? 1 : 0);
  statement.bindNoCopy(13, write.digest->tags_json);
  statement.bindNoCopy(14, write.digest->attachments_json);
  statement.bindNoCopy(15, write.digest->content_fingerprint);
  statement.bind(16, static_cast<int64_t>(to_unix(write.fetched_at)));
}

void bind_story_fields(SQLite::Statement& statement, const StoryPlacement& placement) {
  const auto& fingerprint = placement.fingerprint;
  bind_text_no_copy(statement, 18, fingerprint.url_key);
  statement.bind(19, static_cast<int64_t>(placement.story_id));
  statement.bind(20, static_cast<int64_t>(fingerprint.fingerprint));
  statement.bind(21, static_cast<int>(fingerprint.kind));
  statement.bind(22, static_cast<int64_t>(fingerprint.words));
  // The id a story started for the item names as its primary; else SQLite picks one.
  bind_int(statement, 24, placement.item_id);
}

ItemId insert_new_item(Database& db, const ItemWrite& write) {
  const auto& policy = *write.story_policy;
  const auto placement =
      place_new_item(db, write.digest->story, new_item_story_date(*write.item, write.fetched_at),
                     write.fetched_at, policy);
  ItemId id = 0;
  {
    auto insert = db.statement(insert_item);
    insert->bind(1, static_cast<int64_t>(write.feed_id));
    insert->bindNoCopy(2, *write.identity_key);
    bind_item_fields(*insert, write);
    if (write.queue_full_text) {
      insert->bind(17, "pending");
    } else {
      insert->bind(17);
    }
    bind_story_fields(*insert, placement);
    insert->exec();
    id = db.connection().getLastInsertRowid();
  }
  db.item_inserted(id);
  finish_placement(db, id, placement, policy);
  return id;
}

void update_changed_item(Database& db, ItemId id, const ItemWrite& write) {
  auto update = db.statement(update_item);
  update->bind(1, static_cast<int64_t>(id));
  bind_item_fields(*update, write);
  update->exec();
}

void touch_unchanged_item(Database& db, ItemId id, const ItemWrite& write) {
  auto touch = db.statement(touch_item);
  touch->bind(1, static_cast<int64_t>(id));
  touch->bind(2, static_cast<int64_t>(to_unix(write.fetched_at)));
  touch->bind(3, write.digest->content_fingerprint);
  touch->exec();
}

}  // namespace

UpsertResult upsert_item(Database& db, const ItemWrite& write) {
  if (!write.may_be_stored) {
    return write.may_insert ? UpsertResult{UpsertOutcome::inserted, insert_new_item(db, write)}
                            : UpsertResult{UpsertOutcome::skipped, 0};
  }
  std::optional<ItemId> existing;
  std::string stored_fingerprint;
  {
    auto find = db.statement(find_item);
    find->bind(1, static_cast<int64_t>(write.feed_id));
    find->bindNoCopy(2, *write.identity_key);
    if (find->executeStep()) {
      existing = find->getColumn(0).getInt64();
      stored_fingerprint = find->getColumn(1).getString();
    }
  }
  if (!existing && !write.may_insert) return {UpsertOutcome::skipped, 0};
  if (!existing) return {UpsertOutcome::inserted, insert_new_item(db, write)};
  if (!feeds::content_unchanged(stored_fingerprint, write.digest->content_fingerprint,
                                *write.item)) {
    update_changed_item(db, *existing, write);
    return {UpsertOutcome::updated, *existing};
  }
  touch_unchanged_item(db, *existing, write);
  return {UpsertOutcome::unchanged, *existing};
}

}  // namespace feedd::storage
