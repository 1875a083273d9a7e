#include "daemon/storage/band_tail.hpp"

#include <algorithm>
#include <exception>
#include <tuple>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "daemon/storage/database.hpp"

namespace feedd::storage {
namespace {

// Items above the watermark with a fingerprint: the tail a crash or another writer left.
constexpr const char* select_unindexed_items = R"sql(
SELECT id, story_fingerprint, story_fingerprint_kind, story_words,
       coalesce(published_at, first_seen_at)
FROM items WHERE id > (SELECT indexed_through FROM story_bands_state) AND story_fingerprint IS NOT NULL)sql";

constexpr const char* insert_band =
    "INSERT OR IGNORE INTO story_bands (band, at, item_id, fingerprint) VALUES (?1, ?2, ?3, ?4)";

// The tail's items still stored: one deleted while its bands waited (retention) needs none.
constexpr const char* select_items_from = "SELECT id FROM items WHERE id >= ?1";

// Every item up to the highest id is now indexed, so one whose id is reused after a delete is
// still above the watermark.
constexpr const char* advance_watermark = R"sql(
UPDATE story_bands_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM items)
RETURNING indexed_through)sql";

std::int64_t band_column_value(feeds::FingerprintKind kind, std::int64_t band_key) {
  return (static_cast<std::int64_t>(kind) << 20) | band_key;
}

}  // namespace

bool indexable(const feeds::StoryFingerprint& fingerprint, std::size_t min_title_words) {
  if (fingerprint.words == 0) return false;
  return fingerprint.kind == feeds::FingerprintKind::text || fingerprint.words >= min_title_words;
}

std::array<std::int64_t, feeds::band_count> band_values(feeds::FingerprintKind kind,
                                                        std::uint64_t fingerprint) {
  auto values = feeds::band_keys(fingerprint);
  for (auto& value : values) value = band_column_value(kind, value);
  return values;
}

void BandTail::prepare(Database& db, const feeds::StoryPolicy& policy) {
  min_title_words_ = policy.min_title_words;
  prepare_stored(db);
}

void BandTail::prepare_stored(Database& db) {
  if (prepared_) return;
  prepared_ = true;
  // Read inside the write transaction: no other connection can commit until it ends.
  const auto version = db.connection().execAndGet("PRAGMA data_version").getInt64();
  if (version != data_version_) reload(db);
  data_version_ = version;
  if (rows_.size() >= fold_rows_) fold(db);
}

void BandTail::reload(Database& db) {
  ++generation_;
  rows_.clear();
  auto select = db.statement(select_unindexed_items);
  while (select->executeStep()) {
    feeds::StoryFingerprint fingerprint;
    fingerprint.fingerprint = static_cast<std::uint64_t>(select->getColumn(1).getInt64());
    fingerprint.kind = static_cast<feeds::FingerprintKind>(select->getColumn(2).getInt());
    fingerprint.words = static_cast<std::size_t>(select->getColumn(3).getInt64());
    if (!indexable(fingerprint, min_title_words_)) continue;
    const Entry entry{select->getColumn(4).getInt64(), select->getColumn(0).getInt64(),
                      fingerprint.fingerprint};
    for (const auto band : band_values(fingerprint.kind, fingerprint.fingerprint))
      rows_.emplace(band, entry);
  }
}

void BandTail::find(std::int64_t band, std::int64_t from, std::int64_t to,
                    std::vector<Entry>& out) const {
  const auto [begin, end] = rows_.equal_range(band);
  for (auto it = begin; it != end; ++it)
    if (it->second.at >= from && it->second.at <= to) out.push_back(it->second);
}

void BandTail::add(feeds::FingerprintKind kind, const Entry& entry) {
  for (const auto band : band_values(kind, entry.fingerprint)) {
    rows_.emplace(band, entry);
    added_.push_back({band, entry});
  }
}

std::unordered_set<ItemId> BandTail::stored_items(Database& db) const {
  std::unordered_set<ItemId> stored;
  if (rows_.empty()) return stored;
  ItemId lowest = rows_.begin()->second.item;
  for (const auto& entry : rows_) lowest = std::min(lowest, entry.second.item);
  auto select = db.statement(select_items_from);
  select->bind(1, static_cast<int64_t>(lowest));
  while (select->executeStep()) stored.insert(select->getColumn(0).getInt64());
  return stored;
}

void BandTail::fold(Database& db) {
  const auto stored = stored_items(db);
  std::vector<Row> sorted;
  sorted.reserve(rows_.size());
  for (const auto& [band, entry] : rows_)
    if (stored.contains(entry.item)) sorted.push_back({band, entry});
  // Key order: consecutive rows land on the same B-tree page.
  std::sort(sorted.begin(), sorted.end(), [](const Row& a, const Row& b) {
    return std::tie(a.band, a.entry.at, a.entry.item) < std::tie(b.band, b.entry.at, b.entry.item);
  });
  for (const auto& row : sorted) {
    auto insert = db.statement(insert_band);
    insert->bind(1, static_cast<int64_t>(row.band));
    insert->bind(2, static_cast<int64_t>(row.entry.at));
    insert->bind(3, static_cast<int64_t>(row.entry.item));
    insert->bind(4, static_cast<int64_t>(row.entry.fingerprint));
    insert->exec();
  }
  auto watermark = db.statement(advance_watermark);
  watermark->executeStep();
  folding_to_ = watermark->getColumn(0).getInt64();
}

void BandTail::fold_before_close(Database& db) {
  if (rows_.empty()) return;
  try {
    auto transaction = db.begin_write();
    prepare_stored(db);  // may fold already
    if (!folding_to_ && !rows_.empty()) fold(db);
    transaction.commit();
  } catch (const std::exception& e) {
    // Nothing is lost: the next writer rebuilds the tail from the items' rows.
    spdlog::warn("database {}: could not write the newest story bands at close: {}",
                 db.path().string(), e.what());
  }
}

void BandTail::forget_through(ItemId item) {
  std::erase_if(rows_, [item](const auto& entry) { return entry.second.item <= item; });
}

void BandTail::on_commit() {
  if (folding_to_) forget_through(*folding_to_);
  added_.clear();
  folding_to_.reset();
  prepared_ = false;
}

void BandTail::on_rollback() {
  for (const auto& row : added_) {
    const auto [begin, end] = rows_.equal_range(row.band);
    for (auto it = begin; it != end; ++it) {
      if (it->second.item == row.entry.item) {
        rows_.erase(it);
        break;
      }
    }
  }
  added_.clear();
  folding_to_.reset();
  prepared_ = false;
}

}  // namespace feedd::storage
