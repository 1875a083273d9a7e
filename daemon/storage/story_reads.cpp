// Store::story_sources: what the merged feeds need to show one entry per story with every
// source (spec/interfaces.md: JSON Feed _feedd.sources, Atom link rel="via", RSS footer).

#include "daemon/storage/columns.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {
namespace storage {
namespace {

// A scalar subquery, not a LEFT JOIN: with the join SQLite 3.40 scanned all of items_by_story
// for every item asked about (the merged feeds ask for each item of each page).
constexpr const char* select_item_story = R"sql(
SELECT i.story_id, (SELECT s.primary_item_id FROM stories s WHERE s.id = i.story_id)
FROM items i WHERE i.id = ?1)sql";

constexpr const char* select_story_sources = R"sql(
SELECT m.id, m.feed_id, coalesce(f.title_override, f.title, f.url), f.url, m.url,
       coalesce(m.published_at, m.first_seen_at)
FROM items m JOIN feeds f ON f.id = m.feed_id WHERE m.story_id = ?1
ORDER BY m.id = ?2 DESC, m.first_seen_at, m.id)sql";

constexpr const char* select_lone_source = R"sql(
SELECT m.id, m.feed_id, coalesce(f.title_override, f.title, f.url), f.url, m.url,
       coalesce(m.published_at, m.first_seen_at)
FROM items m JOIN feeds f ON f.id = m.feed_id WHERE m.id = ?2 AND ?1 IS NULL)sql";

StorySource source_from(const SQLite::Statement& row) {
  StorySource source;
  source.item_id = row.getColumn(0).getInt64();
  source.feed_id = row.getColumn(1).getInt64();
  source.feed_title = row.getColumn(2).getString();
  source.feed_url = row.getColumn(3).getString();
  source.item_url = text_column(row, 4);
  source.date = time_column(row, 5);
  return source;
}

std::optional<StorySources> sources_of(Database& db, ItemId item_id) {
  StorySources result;
  result.item_id = item_id;
  std::optional<std::int64_t> story;
  {
    auto select = db.statement(select_item_story);
    select->bind(1, static_cast<int64_t>(item_id));
    if (!select->executeStep()) return std::nullopt;
    story = int_column(*select, 0);
    result.primary_item_id = int_column(*select, 1).value_or(item_id);
  }
  result.story_id = story.value_or(0);
  auto sources = db.statement(story ? select_story_sources : select_lone_source);
  bind_int(*sources, 1, story);
  sources->bind(2, static_cast<int64_t>(story ? result.primary_item_id : item_id));
  while (sources->executeStep()) result.sources.push_back(source_from(*sources));
  return result;
}

}  // namespace
}  // namespace storage

std::vector<StorySources> Store::story_sources(const std::vector<ItemId>& item_ids) {
  return storage::run_operation(path().string(), "story_sources", [&] {
    std::vector<StorySources> result;
    for (const auto id : item_ids)
      if (auto sources = storage::sources_of(db_, id)) result.push_back(std::move(*sources));
    return result;
  });
}

}  // namespace feedd
