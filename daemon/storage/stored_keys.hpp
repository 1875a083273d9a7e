#pragma once
/// Internal to storage: a Bloom filter of the story keys the database holds — canonical URLs
/// and story_bands values — so that placing a new item skips the index reads that cannot find
/// anything.
///
/// Nearly every new item starts a story of its own. Each placement reads the canonical-URL
/// index once, and looks up its fingerprint's 66 probe values (two halves, each as it is and
/// with one bit flipped) in story_bands and the band tail; without the filter that would be
/// random pages of two ~10 MB B-trees for every probe. The filter answers "maybe" for every
/// key stored (it has no false negatives) and "no" for ~99% of the rest.
///
/// It holds the keys read at its last build plus every key this connection added since; a key
/// added in a transaction that rolled back, or of an item deleted since, only makes a "maybe".
/// When another connection wrote (BandTail reloaded) its keys are unknown: the filter answers
/// "maybe" to everything until it is rebuilt, which waits for enough lookups to pay for it.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace feedd {

class Database;

namespace storage {

class BandTail;

class StoredKeys {
 public:
  /// `min_capacity`: the keys the smallest filter is sized for (12 bits each).
  explicit StoredKeys(std::size_t min_capacity) : min_capacity_(min_capacity) {}

  /// Before lookups in a write transaction, after `tail.prepare`: builds the filter when it has
  /// none or it is full, and notes another connection's writes (a new tail generation).
  void prepare(Database& db, const BandTail& tail);

  /// False only when no stored item has canonical URL key `key`.
  bool may_have_url(std::string_view key);
  /// maybe[i] false only when neither story_bands nor the band tail has a row for bands[i].
  /// The filter blocks of all the bands are fetched before any is tested, so their cache
  /// misses overlap.
  void may_have_bands(std::span<const std::int64_t> bands, std::span<bool> maybe);

  /// Keys written by this connection's current transaction.
  void add_url(std::string_view key);
  void add_band(std::int64_t band);

 private:
  void build(Database& db, const BandTail& tail);
  void insert(std::uint64_t hash);
  bool contains(std::uint64_t hash) const;
  /// Where in bits_ the 512-bit block holding a key's bits starts.
  std::size_t block_start(std::uint64_t hash) const;
  /// Whether `lookups` lookups may trust the filter; counts them when they may not.
  bool trusted(std::size_t lookups = 1);

  std::size_t min_capacity_;
  std::vector<std::uint64_t> bits_;  // 512-bit blocks
  std::size_t capacity_ = 0;         // keys the filter is sized for
  std::size_t keys_ = 0;             // keys inserted by the build and since
  std::uint64_t generation_ = 0;     // the tail generation it was built at
  bool built_ = false;
  bool stale_ = false;  // another connection wrote since the build
  std::size_t untrusted_lookups_ = 0;
};

}  // namespace storage
}  // namespace feedd
