#include "daemon/storage/columns.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {
namespace storage {
namespace {

// ?1 is a JSON array of feed ids; ?2/?3 the cursor (NULL for the first page). The order is
// recent_items' order, served by the items_by_date and items_by_feed_date indexes.
constexpr const char* select_output_page_ids = R"sql(
SELECT id, coalesce(published_at, first_seen_at) FROM items
WHERE feed_id IN (SELECT value FROM json_each(?1))
  AND (?2 IS NULL OR coalesce(published_at, first_seen_at) < ?2
       OR (coalesce(published_at, first_seen_at) = ?2 AND id < ?3))
ORDER BY coalesce(published_at, first_seen_at) DESC, id DESC LIMIT ?4)sql";

}  // namespace
}  // namespace storage

std::vector<ItemRecord> Store::output_items_page(const std::vector<FeedId>& feed_ids,
                                                 const std::optional<ItemCursor>& after,
                                                 std::size_t page_size) {
  if (feed_ids.empty() || page_size == 0) return {};
  auto ids = storage::run_operation(path().string(), "output_items_page", [&] {
    auto query = db_.statement(storage::select_output_page_ids);
    query->bind(1, storage::ids_to_json(feed_ids));
    if (after) {
      query->bind(2, storage::to_unix(after->sort_date));
      query->bind(3, static_cast<int64_t>(after->id));
    }
    query->bind(4, static_cast<int64_t>(page_size));
    std::vector<ItemId> page;
    while (query->executeStep()) page.push_back(query->getColumn(0).getInt64());
    return page;
  });
  // Rows are read through item_by_id so the one row reader of item_reads.cpp stays the only one.
  std::vector<ItemRecord> items;
  items.reserve(ids.size());
  for (ItemId id : ids) {
    if (auto item = item_by_id(id)) items.push_back(std::move(*item));
  }
  return items;
}

}  // namespace feedd
