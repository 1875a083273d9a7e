// Stories for items stored before schema 2 (issue 6): assigned in bounded batches, earliest
// seen first, so each story's primary is its earliest source as for new items.

#include <vector>

#include "daemon/storage/columns.hpp"
#include "daemon/storage/story_assign.hpp"

namespace feedd::storage {
namespace {

constexpr const char* select_items_without_story = R"sql(
SELECT id, url, orig_link, title, content_html, summary, published_at, first_seen_at,
       summary_is_content_text
FROM items WHERE story_id IS NULL ORDER BY first_seen_at, id LIMIT ?1)sql";

struct StoredItem {
  ItemId id = 0;
  feeds::Item item;
  TimePoint date{};
  TimePoint seen_at{};
};

StoredItem stored_item_from(const SQLite::Statement& row) {
  StoredItem stored;
  stored.id = row.getColumn(0).getInt64();
  stored.item.url = text_column(row, 1);
  stored.item.orig_link = text_column(row, 2);
  stored.item.title = text_column(row, 3);
  stored.item.content_html = text_column(row, 4);
  stored.item.summary = summary_column(row, 5, 8, stored.item.content_html);
  stored.item.date_published = time_column(row, 6);
  stored.seen_at = from_unix(row.getColumn(7).getInt64());
  stored.date = stored.item.date_published.value_or(stored.seen_at);
  return stored;
}

std::vector<StoredItem> items_without_story(Database& db, std::size_t limit) {
  std::vector<StoredItem> items;
  auto select = db.statement(select_items_without_story);
  select->bind(1, static_cast<int64_t>(limit));
  while (select->executeStep()) items.push_back(stored_item_from(*select));
  return items;
}

}  // namespace

std::size_t assign_missing_stories(Database& db, const feeds::StoryPolicy& policy,
                                   std::size_t limit) {
  // Read the batch first: assigning writes to the rows the select walks.
  const auto items = items_without_story(db, limit);
  for (const auto& stored : items)
    assign_story(db, {stored.id, &stored.item, stored.date, stored.seen_at}, policy);
  return items.size();
}

void backfill_stories(Database& db, const feeds::StoryPolicy& policy, std::size_t batch) {
  for (;;) {
    auto transaction = db.begin_write();
    const auto assigned = assign_missing_stories(db, policy, batch);
    transaction.commit();
    if (assigned < batch) return;
  }
}

}  // namespace feedd::storage
