#include "daemon/storage/band_tail.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <tuple>

#include <spdlog/spdlog.h>

#include "daemon/storage/database.hpp"
#include "daemon/storage/store_internal.hpp"

namespace feedd::storage {
namespace {

constexpr const char* select_data_version = "PRAGMA data_version";

// Items above the watermark with a fingerprint: the tail a crash or another writer left.
constexpr const char* select_unindexed_items = R"sql(
SELECT id, story_fingerprint, story_fingerprint_kind, story_words,
       coalesce(published_at, first_seen_at)
FROM items WHERE id > (SELECT indexed_through FROM story_bands_state) AND story_fingerprint IS NOT NULL)sql";

// A fold writes its rows rows_per_insert at a time: one statement step, bind and reset for 64
// rows instead of each (a fold's time was mostly that overhead, not the B-tree); the rest one
// by one.
constexpr std::size_t rows_per_insert = 64;

std::string insert_rows_sql(std::size_t rows) {
  std::string sql = "INSERT OR IGNORE INTO story_bands (band, at, item_id, fingerprint) VALUES ";
  for (std::size_t row = 0; row < rows; ++row) sql += row == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
  return sql;
}

// The statement for 1 or rows_per_insert rows. Database::statement caches by the text's
// address: one string each for the process.
const char* insert_bands(std::size_t rows) {
  static const std::string one = insert_rows_sql(1);
  static const std::string many = insert_rows_sql(rows_per_insert);
  return rows == 1 ? one.c_str() : many.c_str();
}

// The tail's items still stored: one deleted while its bands waited (retention) needs none.
// By id range, the scan reads the items' own pages (a few KB a row); a scan of the narrow
// items_by_story index reads ~200 ids a page whatever their range, so it is taken while the
// whole table has fewer than index_scan_ratio items per tail item.
constexpr const char* select_items_from = "SELECT id FROM items WHERE id >= ?1";
constexpr const char* select_items_from_index =
    "SELECT id FROM items INDEXED BY items_by_story WHERE id >= ?1";
constexpr std::int64_t index_scan_ratio = 100;

// Every item up to the highest id is now indexed, so one whose id is reused after a delete is
// still above the watermark.
constexpr const char* advance_watermark = R"sql(
UPDATE story_bands_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM items)
RETURNING indexed_through)sql";

// Above the band index (bit 32) of a band key: schema 10's story_bands_after_item_delete
// computes the same values.
constexpr int kind_shift = feeds::band_bits + 1;

std::int64_t band_column_value(feeds::FingerprintKind kind, std::int64_t band_key) {
  return (static_cast<std::int64_t>(kind) << kind_shift) | band_key;
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

std::array<std::int64_t, feeds::band_count * feeds::probes_per_band> probe_values(
    feeds::FingerprintKind kind, std::uint64_t fingerprint) {
  auto values = feeds::probe_keys(fingerprint);
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
  // A cached statement: preparing the pragma again cost more than running it, once per
  // transaction.
  auto query = db.statement(select_data_version);
  query->executeStep();
  const auto version = query->getColumn(0).getInt64();
  if (version != data_version_) reload(db);
  data_version_ = version;
  if (items_.size() * feeds::band_count >= fold_rows_) fold(db);
}

void BandTail::reload(Database& db) {
  ++generation_;
  items_.clear();
  next_.clear();
  buckets_.clear();
  auto select = db.statement(select_unindexed_items);
  while (select->executeStep()) {
    feeds::StoryFingerprint fingerprint;
    fingerprint.fingerprint = static_cast<std::uint64_t>(select->getColumn(1).getInt64());
    fingerprint.kind = static_cast<feeds::FingerprintKind>(select->getColumn(2).getInt());
    fingerprint.words = static_cast<std::size_t>(select->getColumn(3).getInt64());
    if (!indexable(fingerprint, min_title_words_)) continue;
    append(fingerprint.kind, {select->getColumn(4).getInt64(), select->getColumn(0).getInt64(),
                              fingerprint.fingerprint});
  }
}

std::int64_t BandTail::band_of_row(std::uint32_t row) const {
  const auto& item = items_[row / feeds::band_count];
  return band_values(item.kind, item.entry.fingerprint)[row % feeds::band_count];
}

std::size_t BandTail::bucket_of(std::int64_t band) const {
  return static_cast<std::size_t>((static_cast<std::uint64_t>(band) * 0x9e3779b97f4a7c15ULL) >>
                                  32) &
         (buckets_.size() - 1);
}

void BandTail::link(std::uint32_t row) {
  auto& head = buckets_[bucket_of(band_of_row(row))];
  next_[row] = head;
  head = row;
}

// Buckets for at least `rows` rows, a power of two, every row linked again.
void BandTail::rehash(std::size_t rows) {
  std::size_t size = 1024;
  while (size < rows) size *= 2;
  buckets_.assign(size, no_row);
  next_.resize(items_.size() * feeds::band_count);
  for (std::uint32_t row = 0; row < next_.size(); ++row) link(row);
}

void BandTail::append(feeds::FingerprintKind kind, const Entry& entry) {
  items_.push_back({entry, kind});
  const auto rows = items_.size() * feeds::band_count;
  if (rows > buckets_.size()) return rehash(2 * rows);
  next_.resize(rows);
  for (auto row = rows - feeds::band_count; row < rows; ++row)
    link(static_cast<std::uint32_t>(row));
}

void BandTail::find(std::int64_t band, std::int64_t from, std::int64_t to,
                    std::vector<Entry>& out) const {
  if (buckets_.empty()) return;
  for (auto row = buckets_[bucket_of(band)]; row != no_row; row = next_[row]) {
    const auto& entry = items_[row / feeds::band_count].entry;
    if (entry.at >= from && entry.at <= to && band_of_row(row) == band) out.push_back(entry);
  }
}

void BandTail::add(feeds::FingerprintKind kind, const Entry& entry) {
  append(kind, entry);
  ++added_;
}

// The ids, ascending, of the stored items from the tail's lowest on.
std::vector<ItemId> BandTail::stored_items(Database& db) const {
  std::vector<ItemId> stored;
  if (items_.empty()) return stored;
  ItemId lowest = items_.front().entry.item;
  for (const auto& item : items_) lowest = std::min(lowest, item.entry.item);
  const bool by_index =
      highest_item_id(db) < index_scan_ratio * static_cast<std::int64_t>(items_.size());
  auto select = db.statement(by_index ? select_items_from_index : select_items_from);
  select->bind(1, static_cast<int64_t>(lowest));
  while (select->executeStep()) stored.push_back(select->getColumn(0).getInt64());
  if (by_index) std::sort(stored.begin(), stored.end());
  return stored;
}

// Binds row `keyed` of the tail to the four parameters from `first` on.
void BandTail::bind_row(SQLite::Statement& insert, int first, const Keyed& keyed) const {
  const auto& entry = items_[keyed.row / feeds::band_count].entry;
  insert.bind(first, static_cast<int64_t>(keyed.band));
  insert.bind(first + 1, static_cast<int64_t>(entry.at));
  insert.bind(first + 2, static_cast<int64_t>(entry.item));
  insert.bind(first + 3, static_cast<int64_t>(entry.fingerprint));
}

void BandTail::write_rows(Database& db, const std::vector<Keyed>& rows) const {
  for (std::size_t at = 0; at < rows.size();) {
    const auto count = rows.size() - at >= rows_per_insert ? rows_per_insert : 1;
    auto insert = db.statement(insert_bands(count));
    for (std::size_t row = 0; row < count; ++row)
      bind_row(*insert, static_cast<int>(4 * row + 1), rows[at + row]);
    insert->exec();
    at += count;
  }
}

void BandTail::fold(Database& db) {
  const auto stored = stored_items(db);
  std::vector<Keyed> rows;
  rows.reserve(next_.size());
  for (std::uint32_t item = 0; item < items_.size(); ++item) {
    const auto& kept = items_[item];
    if (!std::binary_search(stored.begin(), stored.end(), kept.entry.item)) continue;
    const auto bands = band_values(kept.kind, kept.entry.fingerprint);
    for (std::uint32_t band = 0; band < bands.size(); ++band)
      rows.push_back({bands[band], item * feeds::band_count + band});
  }
  // Key order: consecutive rows land on the same B-tree page.
  std::sort(rows.begin(), rows.end(), [this](const Keyed& a, const Keyed& b) {
    const auto& first = items_[a.row / feeds::band_count].entry;
    const auto& second = items_[b.row / feeds::band_count].entry;
    return std::tie(a.band, first.at, first.item) < std::tie(b.band, second.at, second.item);
  });
  write_rows(db, rows);
  auto watermark = db.statement(advance_watermark);
  watermark->executeStep();
  folding_to_ = watermark->getColumn(0).getInt64();
}

void BandTail::fold_before_close(Database& db) {
  if (items_.empty()) return;
  try {
    auto transaction = db.begin_write();
    prepare_stored(db);  // may fold already
    if (!folding_to_ && !items_.empty()) fold(db);
    transaction.commit();
  } catch (const std::exception& e) {
    // Nothing is lost: the next writer rebuilds the tail from the items' rows.
    spdlog::warn("database {}: could not write the newest story bands at close: {}",
                 db.path().string(), e.what());
  }
}

void BandTail::forget_through(ItemId item) {
  std::erase_if(items_, [item](const Item& kept) { return kept.entry.item <= item; });
  rehash(2 * items_.size() * feeds::band_count);
}

void BandTail::on_commit() {
  if (folding_to_) forget_through(*folding_to_);
  added_ = 0;
  folding_to_.reset();
  prepared_ = false;
}

// The transaction's items are the last ones, and each of their rows the newest of its bucket
// once the items after it are gone: unlinked newest first, as they were linked.
void BandTail::on_rollback() {
  for (; added_ > 0; --added_) {
    const auto first = static_cast<std::uint32_t>((items_.size() - 1) * feeds::band_count);
    for (auto row = first + feeds::band_count; row-- > first;)
      buckets_[bucket_of(band_of_row(row))] = next_[row];
    items_.pop_back();
    next_.resize(items_.size() * feeds::band_count);
  }
  folding_to_.reset();
  prepared_ = false;
}

}  // namespace feedd::storage
