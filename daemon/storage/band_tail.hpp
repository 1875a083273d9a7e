#pragma once
/// Internal to storage: the story bands of the newest items, held by the writer in memory and
/// written to story_bands in key order every few thousand items.
///
/// A band key is a hash: inserting an item's four bands one commit at a time touched four
/// random pages of story_bands' B-tree per item, and every commit wrote each page it touched
/// whole to the WAL — 64% of a cold poll's WAL frames at 5000 feeds. Written in key order once
/// per `fold_rows` rows, each page is written about once per fold.
///
/// What is on disk stays complete and recoverable: story_bands indexes every item up to
/// story_bands_state.indexed_through, and every item above it carries its fingerprint in its
/// row, from which the tail is rebuilt when it is first used — after a crash, and whenever
/// another connection has written since (`PRAGMA data_version`), so two processes writing one
/// database still see each other's newest items.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "daemon/storage/records.hpp"
#include "feeds/dedup/simhash.hpp"
#include "feeds/dedup/story_match.hpp"

namespace SQLite {
class Statement;
}

namespace feedd {

class Database;

namespace storage {

/// Whether an item's fingerprint is indexed at all: a title shorter than the policy's
/// min_title_words matches nothing and is not.
bool indexable(const feeds::StoryFingerprint& fingerprint, std::size_t min_title_words);

/// The story_bands.band values of an indexable fingerprint: each band key with the kind above
/// (kind << 33 | band << 32 | 32 bits of the fingerprint).
std::array<std::int64_t, feeds::band_count> band_values(feeds::FingerprintKind kind,
                                                        std::uint64_t fingerprint);

/// The band values to look up for a fingerprint (feeds::probe_keys with the kind above).
std::array<std::int64_t, feeds::band_count * feeds::probes_per_band> probe_values(
    feeds::FingerprintKind kind, std::uint64_t fingerprint);

class BandTail {
 public:
  /// One band row: an item, the date it is matched by, and its fingerprint, so a band that
  /// collides by chance is told apart without reading the item.
  struct Entry {
    std::int64_t at = 0;
    ItemId item = 0;
    std::uint64_t fingerprint = 0;
  };

  explicit BandTail(std::size_t fold_rows) : fold_rows_(fold_rows) {}

  /// At the start of band work in a write transaction (once per transaction; later calls
  /// return at once): catches up with items other connections stored, or this one stored
  /// before a crash, then folds the tail into story_bands when it holds `fold_rows` rows.
  void prepare(Database& db, const feeds::StoryPolicy& policy);

  /// Counts the reloads from the database: a new value means another connection (or a
  /// crashed one) stored items this connection did not see being written.
  std::uint64_t generation() const { return generation_; }

  /// Calls visit(band, entry) for every row of the tail.
  template <class Visit>
  void for_each_row(Visit&& visit) const {
    for (const auto& item : items_)
      for (const auto band : band_values(item.kind, item.entry.fingerprint))
        visit(band, item.entry);
  }

  /// Items of the tail with band value `band` dated in [from, to].
  void find(std::int64_t band, std::int64_t from, std::int64_t to, std::vector<Entry>& out) const;

  /// Adds an indexable item written in the current transaction.
  void add(feeds::FingerprintKind kind, const Entry& entry);

  /// Writes the whole tail to story_bands (inside a write transaction, after prepare).
  void fold(Database& db);

  /// Before the connection closes: folds whatever the tail holds in a transaction of its own.
  void fold_before_close(Database& db);

  /// The transaction that prepare, add and fold worked in ended.
  void on_commit();
  void on_rollback();

 private:
  /// One indexable item: its band_count rows share it. Row r is band r % band_count of item
  /// r / band_count.
  struct Item {
    Entry entry;
    feeds::FingerprintKind kind = feeds::FingerprintKind::text;
  };
  static constexpr std::uint32_t no_row = 0xffffffff;
  /// A row to fold: its band value, and its row number in the tail.
  struct Keyed {
    std::int64_t band;
    std::uint32_t row;
  };

  void prepare_stored(Database& db);
  void reload(Database& db);
  void forget_through(ItemId item);
  std::vector<ItemId> stored_items(Database& db) const;
  std::int64_t band_of_row(std::uint32_t row) const;
  std::size_t bucket_of(std::int64_t band) const;
  void link(std::uint32_t row);
  void append(feeds::FingerprintKind kind, const Entry& entry);
  void rehash(std::size_t rows);
  void bind_row(SQLite::Statement& insert, int first, const Keyed& keyed) const;
  /// Inserts `rows` (in key order) into story_bands.
  void write_rows(Database& db, const std::vector<Keyed>& rows) const;

  std::size_t fold_rows_;
  std::size_t min_title_words_ = 0;
  // A hash table of rows chained through next_, bucket heads in buckets_, newest row first:
  // 12-16 bytes a row instead of a node each (~60 bytes) in a multimap, so a tail of the same
  // memory folds half as often.
  std::vector<Item> items_;
  std::vector<std::uint32_t> next_;
  std::vector<std::uint32_t> buckets_;
  std::size_t added_ = 0;             // items added by the open transaction: the last ones
  std::optional<ItemId> folding_to_;  // fold written in the open transaction
  std::optional<std::int64_t> data_version_;
  std::uint64_t generation_ = 0;
  bool prepared_ = false;
};

}  // namespace storage
}  // namespace feedd
